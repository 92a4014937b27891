import pytest


@pytest.mark.asyncio
async def test_a():
    with pytest.raises(ValueError):
        raise ValueError
