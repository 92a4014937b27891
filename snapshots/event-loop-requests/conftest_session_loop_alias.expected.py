# A loop alias of a session-scoped event_loop override keeps that loop: the async fixture it
# becomes gets loop_scope="session", so it gives the loop the session-scoped tests run in.
import asyncio

import pytest
import pytest_asyncio


@pytest.fixture(scope="session")
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def loop():
    event_loop = asyncio.get_running_loop()
    return event_loop
