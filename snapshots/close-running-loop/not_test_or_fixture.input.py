# Must not change: a helper coroutine is neither a test nor a fixture.
import asyncio


async def shutdown():
    asyncio.get_running_loop().close()


async def test_calls_helper():
    await asyncio.sleep(0)
