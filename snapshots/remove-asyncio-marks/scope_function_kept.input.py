import pytest


@pytest.mark.asyncio(scope="function")
async def test_a():
    pass
