# A loop passed to a nested callback keeps its meaning (bound once); a nested run_until_complete is reported.
import pytest


@pytest.mark.asyncio
async def test_callbacks(event_loop):
    seen = []

    def on_done(fut):
        seen.append(event_loop.time())

    def blocking():
        return event_loop.run_until_complete(fut)

    fut = event_loop.create_future()
    fut.add_done_callback(on_done)
    fut.set_result(None)
    await fut
    assert seen
