import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def client():
    return 1


@pytest.fixture
async def test_data():
    return 1
