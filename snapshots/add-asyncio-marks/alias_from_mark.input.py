from pytest import mark


async def test_a():
    pass


@mark.parametrize("x", [1])
async def test_b(x):
    pass
