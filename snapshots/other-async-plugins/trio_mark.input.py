import pytest


@pytest.mark.trio
async def test_nursery():
    pass
