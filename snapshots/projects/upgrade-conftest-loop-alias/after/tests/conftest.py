import asyncio

import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def loop():
    """The loop the test runs in (pytest-aiohttp's old name for it)."""
    event_loop = asyncio.get_running_loop()
    return event_loop


@pytest_asyncio.fixture
async def ticker():
    queue = asyncio.Queue()
    await queue.put("tick")
    yield queue
    await queue.join()
