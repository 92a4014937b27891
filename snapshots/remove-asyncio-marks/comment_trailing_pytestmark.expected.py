# all tests are async


async def test_a():
    pass
