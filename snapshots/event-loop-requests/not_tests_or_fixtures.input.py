# Must not change: a helper with an event_loop parameter, a local variable named event_loop, a nested function's parameter.
import asyncio


def run(event_loop, coro):
    return event_loop.run_until_complete(coro)


async def test_local_variable():
    event_loop = asyncio.get_running_loop()
    assert event_loop.is_running()


def test_own_loop():
    event_loop = asyncio.new_event_loop()
    try:
        assert event_loop.run_until_complete(asyncio.sleep(0, 5)) == 5
    finally:
        event_loop.close()


async def test_nested_parameter():
    def schedule(event_loop):
        event_loop.call_soon(print)

    schedule(asyncio.get_running_loop())
