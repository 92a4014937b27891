# patch("x") makes an AsyncMock only for an async target: reported, not rewritten.
from unittest.mock import patch

from shop import checkout


@patch("shop.payments.charge")
async def test_charges_card(charge):
    await checkout(total=10)
    charge.assert_called_once_with(10)


async def test_charges_card_in_block():
    with patch("shop.payments.charge") as charge:
        await checkout(total=10)
    assert charge.call_count == 1
