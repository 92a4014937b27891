# pytest-mock: mocker.MagicMock(return_value=<future>) becomes mocker.AsyncMock().
import asyncio

from shop import checkout


async def test_uses_price(mocker):
    fetch_price = mocker.MagicMock(return_value=asyncio.Future())
    fetch_price.return_value.set_result(10)
    assert await checkout(fetch_price=fetch_price) == 10
