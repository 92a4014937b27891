import pytest


@pytest.mark.asyncio(loop_scope="function")
async def test_a():
    pass
