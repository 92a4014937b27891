# The result is set after the code under test started: an AsyncMock would answer at once. Reported.
import asyncio
from unittest.mock import MagicMock

from shop import checkout


async def test_waits_for_price():
    fetch_price = MagicMock(return_value=asyncio.Future())
    task = asyncio.create_task(checkout(fetch_price=fetch_price))
    await asyncio.sleep(0)
    assert not task.done()
    fetch_price.return_value.set_result(10)
    assert await task == 10
