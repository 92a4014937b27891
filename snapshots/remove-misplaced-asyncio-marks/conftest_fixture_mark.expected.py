import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def client():
    return 1


@pytest.mark.asyncio
def test_helper_in_conftest():
    pass
