# This module defines its own `loop` fixture, nearer than the conftest's alias: its requesters get
# it, whatever the conftest.py says.
import pytest


@pytest.fixture
def loop():
    return FakeLoop()


@pytest.mark.asyncio
async def test_fake(loop):
    assert loop.ticks == 0


def test_other(event_loop_policy):
    pass
