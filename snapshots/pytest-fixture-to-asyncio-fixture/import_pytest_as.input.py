import pytest as pt


@pt.fixture(autouse=True)
async def converted():
    return 2
