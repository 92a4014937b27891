# loop.set_debug(True) in a module-scoped override also asks for asyncio_debug; try/finally is fine.
import asyncio

import pytest


@pytest.fixture(scope="module", autouse=True)
def event_loop():
    policy = asyncio.get_event_loop_policy()
    loop = policy.new_event_loop()
    loop.set_debug(True)
    try:
        yield loop
    finally:
        loop.close()


@pytest.fixture
def settings():
    return {"debug": True}
