# A loop alias of a session-scoped event_loop override keeps that loop: the async fixture it
# becomes gets loop_scope="session", so it gives the loop the session-scoped tests run in.
import asyncio

import pytest


@pytest.fixture(scope="session")
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="session")
def loop(event_loop):
    return event_loop
