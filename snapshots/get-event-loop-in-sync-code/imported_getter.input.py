from asyncio import get_event_loop


async def fetch():
    return 1


def test_imported():
    assert get_event_loop().run_until_complete(fetch()) == 1
