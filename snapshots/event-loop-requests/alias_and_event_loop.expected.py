# A test requesting both event_loop and the alias: the alias request is reported and left (so the
# alias stays); its event_loop request is rewritten as usual.
import asyncio

import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def loop():
    event_loop = asyncio.get_running_loop()
    return event_loop


@pytest.mark.asyncio
async def test_both(loop):
    event_loop = asyncio.get_running_loop()
    assert event_loop is loop
