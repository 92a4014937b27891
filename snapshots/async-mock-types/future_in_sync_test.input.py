# Outside an async def the future's loop is not the one awaiting it: reported, not rewritten.
import asyncio
from unittest.mock import MagicMock

from shop import checkout


def test_uses_price(event_loop_runner):
    fetch_price = MagicMock(return_value=asyncio.Future())
    fetch_price.return_value.set_result(10)
    assert event_loop_runner(checkout(fetch_price=fetch_price)) == 10
