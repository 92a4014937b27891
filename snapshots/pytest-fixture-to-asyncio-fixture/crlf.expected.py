import pytest_asyncio


@pytest_asyncio.fixture
async def client():
    return 1
