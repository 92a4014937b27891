# A MagicMock receiver is never touched: it has no awaits to check.
from unittest.mock import MagicMock

from shop import checkout


async def test_sends_receipt():
    mailer = MagicMock()
    await checkout(mailer=mailer)
    mailer.send.assert_called_once_with("receipt")
    assert mailer.send.call_count == 1
