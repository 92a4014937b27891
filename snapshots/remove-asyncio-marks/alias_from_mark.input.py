from pytest import mark


@mark.asyncio
async def test_a():
    pass


@mark.slow
@mark.asyncio
async def test_b():
    pass
