# pytest-mock: mocker.MagicMock(return_value=<future>) becomes mocker.AsyncMock().

from shop import checkout


async def test_uses_price(mocker):
    fetch_price = mocker.AsyncMock()
    fetch_price.return_value = 10
    assert await checkout(fetch_price=fetch_price) == 10
