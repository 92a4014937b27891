from pytest import mark as mk


@mk.asyncio
async def test_a():
    pass
