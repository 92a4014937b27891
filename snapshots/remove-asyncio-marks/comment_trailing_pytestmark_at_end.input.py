import pytest


async def test_a():
    with pytest.raises(ValueError):
        raise ValueError

pytestmark = pytest.mark.asyncio  # set last, applies to the whole module
