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


@pytest.mark.asyncio(loop_scope="session")
async def test_sync():
    await work()


@pytest.mark.asyncio
async def test_async():
    loop = asyncio.get_running_loop()
    assert loop.is_running()
