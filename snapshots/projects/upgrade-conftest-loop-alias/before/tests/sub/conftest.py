import asyncio

import pytest


@pytest.fixture
def event():
    return asyncio.Event()


@pytest.fixture
def started(loop, event):
    loop.run_until_complete(asyncio.sleep(0))
    event.set()
    return event
