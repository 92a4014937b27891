# CoroutineMocks that would act differently as AsyncMocks: a spec, an awaitable return value, a bare reference.
import asynctest

from shop import Prices, checkout, fetch_price_later


async def test_uses_price():
    prices = asynctest.CoroutineMock(spec=Prices)
    fetch_price = asynctest.CoroutineMock(return_value=fetch_price_later())
    assert isinstance(fetch_price, asynctest.CoroutineMock)
    assert await checkout(prices=prices, fetch_price=fetch_price) == 10
