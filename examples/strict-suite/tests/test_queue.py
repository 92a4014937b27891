import asyncio

import pytest


@pytest.mark.asyncio
async def test_put_then_get(queue):
    await queue.put(1)
    assert await queue.get() == 1


# Timing-sensitive: see the note in the README.
@pytest.mark.asyncio()
@pytest.mark.parametrize("delay", [0, 0.01])
async def test_get_waits_for_put(queue, delay):
    async def producer():
        await asyncio.sleep(delay)
        await queue.put("item")

    task = asyncio.create_task(producer())
    assert await queue.get() == "item"
    await task


@pytest.mark.asyncio(loop_scope="module")
async def test_lock_is_shared(shared_lock):
    async with shared_lock:
        assert shared_lock.locked()


def test_queue_class_is_asyncio():
    assert asyncio.Queue.__module__.startswith("asyncio")
