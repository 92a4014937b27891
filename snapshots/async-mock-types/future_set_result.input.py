# MagicMock returning a future whose result is set right away becomes an AsyncMock returning the result.
import asyncio
from unittest.mock import AsyncMock, MagicMock

from shop import checkout


async def test_uses_price():
    fetch_price = MagicMock(return_value=asyncio.Future())
    fetch_price.return_value.set_result(10)  # euros
    assert await checkout(fetch_price=fetch_price) == 10
    fetch_price.assert_called_once_with("book")
