import asyncio

import pytest_asyncio


@pytest_asyncio.fixture
async def queue():
    queue = asyncio.Queue()
    yield queue
    assert queue.empty(), "a test left items behind"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared_lock():
    return asyncio.Lock()
