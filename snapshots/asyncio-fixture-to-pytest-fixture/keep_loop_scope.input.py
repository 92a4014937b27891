import pytest
import pytest_asyncio


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def server():
    yield 1


@pytest_asyncio.fixture
async def client():
    return 1
