import pytest


@pytest.mark.asyncio
async def test_plain():
    pass
