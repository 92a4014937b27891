# A receiver that is a parameter (a fixture's value) or a global is not provable here: unchanged.
from unittest.mock import AsyncMock

import pytest

from shop import checkout

gateway = AsyncMock()


@pytest.fixture
def charge():
    return AsyncMock()


async def test_charges_card(charge):
    await checkout(charge=charge, gateway=gateway)
    charge.assert_called_once_with(10)
    gateway.charge.assert_called_once_with(10)
