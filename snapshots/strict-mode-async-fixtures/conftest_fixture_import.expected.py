import pytest_asyncio
from pytest import fixture


@pytest_asyncio.fixture(name="db")
async def database():
    return {}


@fixture
def sync_fixture():
    return 1
