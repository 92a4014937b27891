# A name bound to an AsyncMock and later rebound to a MagicMock is not provably an AsyncMock.
from unittest.mock import AsyncMock, MagicMock

from shop import checkout


async def test_retries_payment():
    gateway = AsyncMock()
    await checkout(gateway=gateway)
    gateway.charge.assert_called_once_with(10)

    gateway = MagicMock()
    checkout.sync(gateway=gateway)
    gateway.charge.assert_called_once_with(10)
