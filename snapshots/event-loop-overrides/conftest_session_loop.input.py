# A plain session-scoped loop in the top-most conftest becomes the two default loop scopes.
import asyncio

import pytest
import pytest_asyncio


# Servers are shared by every test, so every test shares the loop too.
@pytest.fixture(scope="session")
def event_loop():
    """One loop for the whole run."""
    loop = asyncio.get_event_loop_policy().new_event_loop()
    asyncio.set_event_loop(loop)
    yield loop
    loop.close()


@pytest_asyncio.fixture(scope="session")
async def server():
    yield "server"
