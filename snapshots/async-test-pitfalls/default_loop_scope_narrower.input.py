# With asyncio_default_fixture_loop_scope = function, a module-scoped fixture without loop_scope mismatches.
import pytest
import pytest_asyncio


@pytest_asyncio.fixture(scope="module")
async def server():
    return object()


@pytest.fixture(scope="package")
async def pool():
    return object()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def matching():
    return object()


@pytest.fixture(scope="session")
def plain_sync():
    return object()
