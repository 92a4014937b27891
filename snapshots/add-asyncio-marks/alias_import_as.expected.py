import pytest as pt


@pt.mark.asyncio
async def test_a():
    pass


@pt.mark.asyncio
@pt.mark.slow
async def test_b():
    pass
