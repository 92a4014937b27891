import pytest


async def test_a():
    with pytest.raises(ValueError):
        raise ValueError

# set last, applies to the whole module
