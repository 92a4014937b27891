# In a conftest.py the mark goes the same way.
import pytest_asyncio


@pytest_asyncio.fixture(scope="session")
async def engine():
    yield "engine"
