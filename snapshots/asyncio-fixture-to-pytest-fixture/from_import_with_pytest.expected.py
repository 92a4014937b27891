import pytest


@pytest.fixture
async def client():
    return 1


@pytest.fixture
def settings():
    return {}
