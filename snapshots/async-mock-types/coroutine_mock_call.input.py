# asynctest.CoroutineMock() becomes unittest.mock.AsyncMock(); asynctest's import goes when unused.
import asynctest

from shop import checkout


async def test_uses_price():
    fetch_price = asynctest.CoroutineMock(return_value=10)
    assert await checkout(fetch_price=fetch_price) == 10
    fetch_price.assert_awaited_once_with("book")
