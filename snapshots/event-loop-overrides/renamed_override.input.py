# name="event_loop" makes any function an override.
import asyncio

import pytest


@pytest.fixture(name="event_loop", scope="module")
def module_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.mark.asyncio
async def test_first():
    pass
