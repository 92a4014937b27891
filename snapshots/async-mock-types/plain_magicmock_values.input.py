# MagicMocks returning plain values, or futures in a fixture, are not rewritten (the fixture is reported).
import asyncio
from unittest.mock import MagicMock

import pytest

from shop import checkout


@pytest.fixture
async def fetch_price():
    fetch_price = MagicMock(return_value=asyncio.Future())
    fetch_price.return_value.set_result(10)
    return fetch_price


def test_uses_discount():
    discount = MagicMock(return_value=0.5)
    assert checkout.sync(discount=discount) == 5
