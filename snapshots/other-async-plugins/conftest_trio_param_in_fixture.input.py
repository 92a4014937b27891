import pytest


@pytest.fixture(params=["asyncio", pytest.param("trio", marks=pytest.mark.trio)])
def backend(request):
    return request.param
