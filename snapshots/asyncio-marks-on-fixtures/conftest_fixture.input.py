# In a conftest.py the mark goes the same way.
import pytest
import pytest_asyncio


@pytest_asyncio.fixture(scope="session")
@pytest.mark.asyncio(scope="session")
async def engine():
    yield "engine"
