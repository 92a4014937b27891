# `with patch.object(..., new=AsyncMock()) as m` binds the AsyncMock given as new.
from unittest.mock import AsyncMock, patch

from shop import checkout, payments


async def test_charges_card():
    with patch.object(payments, "charge", new=AsyncMock(return_value="ok")) as charge:
        await checkout(total=10)
    charge.assert_called_once_with(10)  # the receipt depends on it
    charge.assert_not_called  # an attribute, not a call: left alone
