import pytest_asyncio


@pytest_asyncio.fixture
async def connection():
    return "connected"
