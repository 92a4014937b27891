import pytest as pt


@pt.fixture
async def client():
    return 1


@pt.fixture
def settings():
    return {}
