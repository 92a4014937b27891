import pytest


@pytest.fixture(scope="module", autouse=True)
async def server():
    yield 1


@pytest.fixture(params=[1, 2], ids=["one", "two"], name="number")
async def number_fixture(request):
    return request.param


@pytest.fixture(
    scope="session",  # one server for the whole run
    autouse=False,
)
async def database():
    yield 1
