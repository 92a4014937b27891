# return_value set later to something that may be awaitable: CoroutineMock awaited it, AsyncMock would not.
import asynctest

from shop import checkout, load_price


async def test_uses_price():
    fetch_price = asynctest.CoroutineMock()
    fetch_price.return_value = load_price("book")
    assert await checkout(fetch_price=fetch_price) == 10
