import pytest_asyncio
from pytest import fixture as fx


@pytest_asyncio.fixture(autouse=True)
async def reset():
    yield


@fx
def plain():
    return 1
