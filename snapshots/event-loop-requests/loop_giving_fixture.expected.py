# A fixture that gives the loop itself (here switching debug mode on around it) becomes async:
# asyncio.get_running_loop() in it is the loop of its loop scope, the one its async requesters run
# in. A plain alias of event_loop that nothing in this test module requests goes.
import asyncio

import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def debug_event_loop() -> asyncio.AbstractEventLoop:
    event_loop: asyncio.AbstractEventLoop = asyncio.get_running_loop()
    previous_debug = event_loop.get_debug()
    event_loop.set_debug(True)

    yield event_loop

    event_loop.set_debug(previous_debug)


@pytest.mark.asyncio
async def test_debug(debug_event_loop):
    assert debug_event_loop.get_debug()
