# Outside a test (fixture, helper) the tests whose outcome changes cannot be listed: reported.
from unittest.mock import AsyncMock

import pytest

from shop import checkout


@pytest.fixture
async def charged():
    charge = AsyncMock()
    yield charge
    charge.assert_called_once()


async def check_checkout():
    charge = AsyncMock()
    await checkout(charge=charge)
    charge.assert_called_once_with(10)
