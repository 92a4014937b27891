# An attribute of a local object, a loop.create_future() future, other arguments kept; the import is added.
import asyncio
from unittest.mock import MagicMock

from shop import Shop


async def test_uses_price():
    shop = Shop()
    shop.fetch_price = MagicMock(
        name="fetch_price",
        return_value=asyncio.get_running_loop().create_future(),
    )
    shop.fetch_price.return_value.set_result(10)
    assert await shop.checkout("book") == 10
