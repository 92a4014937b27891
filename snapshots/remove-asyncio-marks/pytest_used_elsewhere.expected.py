import pytest


async def test_a():
    with pytest.raises(ValueError):
        raise ValueError
