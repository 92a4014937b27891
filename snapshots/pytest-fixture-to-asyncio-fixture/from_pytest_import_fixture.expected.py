import pytest_asyncio
from pytest import fixture


@pytest_asyncio.fixture
async def client():
    return 1


@fixture(scope="module")
def settings():
    return {}
