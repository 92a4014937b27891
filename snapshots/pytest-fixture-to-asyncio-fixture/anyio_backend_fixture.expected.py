import pytest
import pytest_asyncio


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
async def anyio_client(anyio_backend):
    return anyio_backend


@pytest_asyncio.fixture
async def asyncio_client():
    return 1
