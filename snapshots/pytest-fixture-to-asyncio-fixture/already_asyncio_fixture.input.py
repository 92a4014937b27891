import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def client():
    return 1


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def server():
    yield 1


@pytest.fixture
def sync_settings():
    return {}
