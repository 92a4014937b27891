import pytest_asyncio


@pytest_asyncio.fixture(scope="module")
async def connection():
    connection = object()
    yield connection
    del connection
