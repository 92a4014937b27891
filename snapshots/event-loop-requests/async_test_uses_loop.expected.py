# An async test that uses event_loop: the running loop is bound under that name; run_until_complete becomes await.
import asyncio

import pytest

from app import fetch, work


@pytest.mark.asyncio
async def test_future_result():
    """The future is resolved by a callback."""
    event_loop = asyncio.get_running_loop()
    fut = event_loop.create_future()
    event_loop.call_soon(fut.set_result, 42)
    await work()
    body = (await fetch("/")).body
    assert await fut == 42
    assert body == b"ok"


@pytest.mark.asyncio
async def test_one_liner():
    event_loop = asyncio.get_running_loop()
    await work(loop=event_loop)
