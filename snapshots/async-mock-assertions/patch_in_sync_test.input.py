# In a sync test the code cannot await a patch("x") mock unless the test runs a loop: reported only then.
import asyncio
from unittest.mock import patch

from shop import checkout, checkout_sync


@patch("shop.payments.charge")
def test_charges_card(charge):
    checkout_sync(total=10)
    charge.assert_called_once_with(10)


@patch("shop.payments.charge")
def test_charges_card_in_a_loop(charge):
    asyncio.run(checkout(total=10))
    charge.assert_called_once_with(10)
