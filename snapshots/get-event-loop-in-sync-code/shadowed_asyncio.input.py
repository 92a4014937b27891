import asyncio


async def fetch():
    return 1


def test_local_asyncio(asyncio):
    asyncio.get_event_loop().run_until_complete(fetch())


async def test_async_left_to_fix_tests():
    asyncio.get_event_loop().run_until_complete(fetch())
