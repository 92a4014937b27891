import pytest as pt
import pytest_asyncio


@pytest_asyncio.fixture
async def client():
    return 1


@pt.fixture
def settings():
    return {}
