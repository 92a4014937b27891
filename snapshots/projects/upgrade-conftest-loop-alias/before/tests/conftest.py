import asyncio

import pytest


@pytest.fixture
def loop(event_loop):
    """The loop the test runs in (pytest-aiohttp's old name for it)."""
    return event_loop


@pytest.fixture
def ticker(loop):
    queue = asyncio.Queue()
    loop.run_until_complete(queue.put("tick"))
    yield queue
    loop.run_until_complete(queue.join())
