# An explicit loop_scope narrower than the fixture's scope fails with ScopeMismatch: reported.
import pytest_asyncio


@pytest_asyncio.fixture(scope="session", loop_scope="module")
async def database():
    return object()


@pytest_asyncio.fixture(scope="class", loop_scope="function")
def sync_but_looped():
    return object()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def matching():
    return object()


@pytest_asyncio.fixture(scope="function", loop_scope="session")
async def wider_loop():
    return object()
