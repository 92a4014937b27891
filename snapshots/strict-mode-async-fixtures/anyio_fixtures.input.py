import pytest
import pytest_asyncio


@pytest.fixture
async def with_backend(anyio_backend):
    return anyio_backend


@pytest_asyncio.fixture
async def already():
    return 1


@pytest.fixture
def sync_fixture():
    return 1
