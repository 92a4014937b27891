import pytest as pt


async def test_a():
    pass


@pt.mark.slow
async def test_b():
    pass
