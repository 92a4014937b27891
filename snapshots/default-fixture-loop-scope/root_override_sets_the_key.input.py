# Target 1.4: a root event_loop override sets the key to its own scope, under which 0.21 ran these fixtures.
import pytest_asyncio


@pytest_asyncio.fixture(scope="module")
async def database():
    yield "db"
