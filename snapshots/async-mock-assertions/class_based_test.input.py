# Assertions in class-based tests: a pytest class, and a unittest.IsolatedAsyncioTestCase with @patch.
import unittest
from unittest.mock import AsyncMock, patch

from shop import checkout


class TestCheckout:
    async def test_charges_card(self):
        gateway = AsyncMock()
        await checkout(gateway=gateway)
        gateway.charge.assert_called_once_with(10)


class CheckoutTest(unittest.IsolatedAsyncioTestCase):
    @patch("shop.payments.charge", new_callable=AsyncMock)
    async def test_charges_card(self, charge):
        await checkout(total=10)
        charge.assert_called_once_with(10)
        self.assertEqual(charge.call_count, 1)
