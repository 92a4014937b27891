# `asyncio` bound to something else in the test (parameter, assignment, comprehension, local import): unchanged.
import asyncio

from myapp import fake_asyncio, ping


async def test_parameter(asyncio):
    asyncio.run(ping())


async def test_assigned():
    asyncio = fake_asyncio()
    asyncio.get_event_loop().run_until_complete(ping())


async def test_comprehension():
    assert [asyncio.run(ping()) for asyncio in (fake_asyncio(),)]


async def test_local_import():
    import trio as asyncio

    asyncio.run(ping)
