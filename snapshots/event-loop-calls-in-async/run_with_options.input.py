# asyncio.run with options, a non-call argument, or a comment inside the call: reported, unchanged.
import asyncio

from myapp import ping, uvloop_factory


async def test_debug():
    asyncio.run(ping(), debug=True)


async def test_loop_factory():
    asyncio.run(ping(), loop_factory=uvloop_factory)


async def test_coroutine_in_variable():
    coroutine = ping()
    asyncio.run(coroutine)


async def test_comment_inside():
    asyncio.run(
        # one ping is enough
        ping()
    )
