# An assertion expected to fail (pytest.raises, try) is left: the awaited form would fail more often.
from unittest.mock import AsyncMock

import pytest

from shop import checkout


async def test_never_charges_twice():
    charge = AsyncMock()
    await checkout(charge=charge)
    with pytest.raises(AssertionError):
        charge.assert_called_with(20)
    try:
        charge.assert_called_once_with(20)
    except AssertionError:
        pass
    else:
        raise RuntimeError("charged 20")
    charge.assert_awaited_once_with(10)
