# A receiver that is not provably the running loop (parameter, rebound, bound later or conditionally): reported, unchanged.
import asyncio

from myapp import connect, make_loop


async def test_fixture_loop(event_loop):
    event_loop.run_until_complete(connect())


async def test_rebound():
    loop = asyncio.get_running_loop()
    loop = make_loop()
    loop.run_until_complete(connect())


async def test_bound_conditionally(reuse):
    if reuse:
        loop = asyncio.get_running_loop()
    else:
        loop = make_loop()
    loop.run_until_complete(connect())


async def test_rebound_by_nested_function():
    loop = asyncio.get_running_loop()

    def use_other():
        nonlocal loop
        loop = make_loop()

    use_other()
    loop.run_until_complete(connect())
