# Under a session-wide default, a function-scoped override in a module still means a loop per test.
import asyncio

import pytest
import pytest_asyncio


@pytest.fixture
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest_asyncio.fixture
async def stream():
    return "stream"


@pytest.mark.asyncio
async def test_read(stream):
    pass
