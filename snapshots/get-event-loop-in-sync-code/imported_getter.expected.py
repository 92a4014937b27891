import asyncio


async def fetch():
    return 1


def test_imported():
    assert asyncio.run(fetch()) == 1
