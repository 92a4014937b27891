from pytest import mark


@mark.asyncio
async def test_a():
    pass


@mark.asyncio
@mark.parametrize("x", [1])
async def test_b(x):
    pass
