# The assertions sit in inner scopes where the name means something else: unchanged.
from unittest.mock import AsyncMock, MagicMock

from shop import checkout


async def test_notifies_each_listener():
    listener = AsyncMock()
    await checkout(listeners=[listener])

    def check(listener):
        listener.assert_called_once_with("paid")

    check(MagicMock())
    [listener.assert_called_once_with("paid") for listener in [MagicMock()]]
