# The binding stays when the loop is still used for something else; asyncio.get_event_loop() in async code is the running loop too.
import asyncio

import pytest_asyncio


@pytest_asyncio.fixture
async def timer():
    loop = asyncio.get_event_loop()
    start = loop.time()
    yield lambda: loop.time() - start
    loop.close()
