# A scope computed at run time cannot be compared: skipped silently.
import pytest_asyncio


def pick_scope(fixture_name, config):
    return "session"


SCOPE = "module"


@pytest_asyncio.fixture(scope=pick_scope, loop_scope="function")
async def server():
    return object()


@pytest_asyncio.fixture(scope=SCOPE, loop_scope="function")
async def client():
    return object()
