# Scoped async fixtures whose loop is as wide as their scope (or wider) are fine: unchanged.
import pytest
import pytest_asyncio


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def server():
    return object()


@pytest_asyncio.fixture(scope="class", loop_scope="session")
async def client():
    return object()


@pytest.fixture(scope="session")
async def pool():
    return object()
