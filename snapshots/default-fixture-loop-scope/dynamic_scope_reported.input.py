# Target 1.4: a scope computed at run time cannot be copied into loop_scope=.
import pytest_asyncio


def pick_scope(fixture_name, config):
    return "session" if config.getoption("--reuse") else "function"


@pytest_asyncio.fixture(scope=pick_scope)
async def server():
    yield "server"
