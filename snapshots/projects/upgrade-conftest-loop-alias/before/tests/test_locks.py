import asyncio

import pytest


@pytest.mark.asyncio
async def test_lock_is_bound_to_the_running_loop(loop):
    lock = asyncio.Lock()
    async with lock:
        assert asyncio.get_running_loop() is loop


@pytest.mark.asyncio
async def test_ticker(ticker, loop):
    assert await ticker.get() == "tick"
    ticker.task_done()
    assert loop.is_running()


class TestFutures:
    @pytest.mark.asyncio
    async def test_future(self, *, loop):
        future = loop.create_future()
        loop.call_soon(future.set_result, 1)
        assert await future == 1
