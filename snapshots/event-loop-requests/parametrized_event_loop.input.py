# Must not change: event_loop given by parametrize is not the fixture.
import asyncio

import pytest


@pytest.mark.parametrize("event_loop", [asyncio.new_event_loop()])
def test_given(event_loop):
    assert event_loop.run_until_complete(asyncio.sleep(0, 1)) == 1
