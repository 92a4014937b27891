import asyncio
from unittest import mock


async def fetch():
    return 1


def test_two_chained_runs():
    asyncio.get_event_loop().run_until_complete(fetch())
    asyncio.get_event_loop().run_until_complete(fetch())


def test_run_with_extra_argument():
    loop = asyncio.get_event_loop()
    loop.run_until_complete(fetch(), extra=True)


def test_loop_rebound():
    loop = asyncio.get_event_loop()
    loop = asyncio.new_event_loop()
    loop.run_until_complete(fetch())


def test_binding_in_branch(flag=False):
    if flag:
        loop = asyncio.get_event_loop()
        loop.run_until_complete(fetch())
        loop.run_until_complete(fetch())
