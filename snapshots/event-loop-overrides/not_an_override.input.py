# Must not change: a helper named event_loop, a fixture renamed away from it, a local variable.
import asyncio

import pytest


def event_loop():
    return asyncio.new_event_loop()


@pytest.fixture(name="fresh_loop")
def event_loop_factory():
    return event_loop


@pytest.fixture(name="loop")
def event_loop():  # noqa: F811
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def test_runs_on_its_own_loop(loop):
    event_loop = loop
    assert event_loop.run_until_complete(asyncio.sleep(0, 1)) == 1
