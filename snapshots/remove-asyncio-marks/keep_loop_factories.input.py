import pytest


@pytest.mark.asyncio(loop_factories=["uvloop"])
async def test_a():
    pass
