# A session-scoped alias of a session-scoped event_loop override: a sync test made async keeps
# running in the session loop (loop_scope="session"), an async one binds the loop it runs in (the
# override's loop_scope is event-loop-overrides' business). The alias goes.
import asyncio

import pytest

from app import work


@pytest.fixture(scope="session")
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="session")
def loop(event_loop):
    return event_loop


def test_sync(loop):
    loop.run_until_complete(work())


@pytest.mark.asyncio
async def test_async(loop):
    assert loop.is_running()
