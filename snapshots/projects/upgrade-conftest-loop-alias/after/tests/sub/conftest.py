import asyncio

import pytest
import pytest_asyncio


@pytest.fixture
def event():
    return asyncio.Event()


@pytest_asyncio.fixture
async def started(event):
    await asyncio.sleep(0)
    event.set()
    return event
