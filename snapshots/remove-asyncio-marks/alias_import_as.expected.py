async def test_a():
    pass


async def test_b():
    pass
