import pytest


@pytest.mark.asyncio
async def test_marked():
    pass


async def test_forgotten():
    pass
