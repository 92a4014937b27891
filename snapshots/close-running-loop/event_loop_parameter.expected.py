# event_loop.close() on pytest-asyncio's event_loop fixture, async or sync (the parameter itself is event-loop-requests' business).
import pytest


@pytest.mark.asyncio
async def test_async(event_loop):
    await event_loop.run_in_executor(None, print)


def test_sync(event_loop):
    event_loop.run_forever()
