# An async test that uses event_loop: the running loop is bound under that name; run_until_complete becomes await.
import pytest

from app import fetch, work


@pytest.mark.asyncio
async def test_future_result(event_loop):
    """The future is resolved by a callback."""
    fut = event_loop.create_future()
    event_loop.call_soon(fut.set_result, 42)
    event_loop.run_until_complete(work())
    body = event_loop.run_until_complete(fetch("/")).body
    assert await fut == 42
    assert body == b"ok"


@pytest.mark.asyncio
async def test_one_liner(event_loop): await work(loop=event_loop)
