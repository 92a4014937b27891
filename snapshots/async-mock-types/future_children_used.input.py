# The mock's children are used (an AsyncMock's children are AsyncMocks): reported, not rewritten.
import asyncio
from unittest.mock import MagicMock

from shop import checkout


async def test_closes_client():
    client = MagicMock(return_value=asyncio.Future())
    client.return_value.set_result(10)
    await checkout(client=client)
    client.close.assert_called_once()
