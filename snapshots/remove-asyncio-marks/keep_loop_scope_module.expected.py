import pytest


@pytest.mark.asyncio(loop_scope="module")
async def test_a():
    pass


async def test_b():
    pass
