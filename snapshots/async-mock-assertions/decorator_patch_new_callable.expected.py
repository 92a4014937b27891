# @patch(..., new_callable=AsyncMock) injects an AsyncMock; the innermost decorator fills the first parameter.
from unittest.mock import AsyncMock, patch

import pytest

from shop import checkout


@patch("shop.payments.charge", new_callable=AsyncMock)
@patch("shop.payments.refund", AsyncMock())  # given by position: injects nothing
@patch("shop.mail.send")
@pytest.mark.parametrize("total", [10])
async def test_charges_card(send, charge, total):
    await checkout(total=total)
    charge.assert_awaited_once_with(total)
    send.assert_called_once()
