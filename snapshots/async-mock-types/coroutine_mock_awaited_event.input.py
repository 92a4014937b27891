# asynctest's `awaited` event has no AsyncMock equivalent: every CoroutineMock of the file is reported.
import asyncio

import asynctest

from shop import checkout


async def test_uses_price():
    fetch_price = asynctest.CoroutineMock(return_value=10)
    task = asyncio.ensure_future(checkout(fetch_price=fetch_price))
    await fetch_price.awaited.wait()
    assert await task == 10
