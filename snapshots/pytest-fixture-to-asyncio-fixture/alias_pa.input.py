import pytest
import pytest_asyncio as pa


@pa.fixture
async def existing():
    return 1


@pytest.fixture
async def converted():
    return 2
