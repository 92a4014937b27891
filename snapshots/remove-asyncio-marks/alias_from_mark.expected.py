from pytest import mark


async def test_a():
    pass


@mark.slow
async def test_b():
    pass
