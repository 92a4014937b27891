import pytest


@pytest.fixture
async def client():
    return 1


@pytest.fixture(scope="session")
async def server():
    yield 1
