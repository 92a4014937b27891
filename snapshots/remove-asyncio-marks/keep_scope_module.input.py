import pytest


@pytest.mark.asyncio(scope="module")
async def test_a():
    pass
