# An attribute of a local object, a loop.create_future() future, other arguments kept; the import is added.
import unittest.mock

from shop import Shop


async def test_uses_price():
    shop = Shop()
    shop.fetch_price = unittest.mock.AsyncMock(
        name="fetch_price",
    )
    shop.fetch_price.return_value = 10
    assert await shop.checkout("book") == 10
