import pytest


@pytest.mark.asyncio(scope="function")
@pytest.mark.asyncio
async def test_x():
    pass
