import pytest_asyncio


@pytest_asyncio.fixture(autouse=True)
async def converted():
    return 2
