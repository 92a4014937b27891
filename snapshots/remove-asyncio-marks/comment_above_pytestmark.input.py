import pytest

# All tests here need the loop.
pytestmark = pytest.mark.asyncio


async def test_a():
    with pytest.raises(ValueError):
        raise ValueError
