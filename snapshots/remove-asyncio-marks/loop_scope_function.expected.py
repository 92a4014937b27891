async def test_a():
    pass
