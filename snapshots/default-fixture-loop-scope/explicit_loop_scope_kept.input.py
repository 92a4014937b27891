# Target 1.4: a fixture that already says its loop scope is left as written.
import pytest_asyncio


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def shared_client():
    yield "client"
