import pytest

# All tests here need the loop.


async def test_a():
    with pytest.raises(ValueError):
        raise ValueError
