# A coroutine object as return_value can be awaited once only: reported with what to write instead.
from unittest import mock

from shop import checkout


async def price_of(item):
    return 10


async def test_uses_price():
    fetch_price = mock.MagicMock(return_value=price_of("book"))
    assert await checkout(fetch_price=fetch_price) == 10
