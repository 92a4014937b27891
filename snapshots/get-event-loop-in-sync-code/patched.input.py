import asyncio
from unittest import mock


async def fetch():
    return 1


def test_patched():
    with mock.patch("asyncio.get_event_loop"):
        pass
    asyncio.get_event_loop().run_until_complete(fetch())
