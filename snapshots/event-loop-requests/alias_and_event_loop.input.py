# A test requesting both event_loop and the alias: the alias request is reported and left (so the
# alias stays); its event_loop request is rewritten as usual.
import pytest


@pytest.fixture
def loop(event_loop):
    return event_loop


@pytest.mark.asyncio
async def test_both(event_loop, loop):
    assert event_loop is loop
