# Async tests and fixtures requesting a loop alias of this test module get the loop they run in
# from asyncio.get_running_loop() (in 0.21 the alias gave the event_loop they ran in); the alias,
# requested by nothing else, goes. A docstring in the alias is allowed.
import asyncio

import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def server():
    loop = asyncio.get_running_loop()
    return await loop.create_server(object, "127.0.0.1", 0)


@pytest.mark.asyncio
async def test_future():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(fut.set_result, 1)
    assert await fut == 1


@pytest.mark.asyncio
async def test_keyword_only(server):
    loop = asyncio.get_running_loop()
    assert server.get_loop() is loop
