# Must not change: the event_loop fixture owns its loop and closes it (event-loop-overrides deals with it).
import asyncio

import pytest


@pytest.fixture(scope="session")
def event_loop():
    loop = asyncio.get_event_loop_policy().new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(name="event_loop")
def custom_loop():
    loop = asyncio.get_event_loop()
    yield loop
    loop.close()
