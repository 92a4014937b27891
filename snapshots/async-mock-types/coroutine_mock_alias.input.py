# An aliased CoroutineMock, spelled with the file's own unittest.mock import; also as patch's new_callable.
from unittest import mock

from asynctest import CoroutineMock as CM

from shop import checkout


class TestCheckout:
    fetch_price = CM(side_effect=[10, ValueError("sold out")])

    async def test_uses_price(self):
        with mock.patch("shop.prices.fetch", new_callable=CM, return_value=10):
            assert await checkout() == 10
