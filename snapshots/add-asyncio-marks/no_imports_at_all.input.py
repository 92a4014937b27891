async def test_plain():
    pass
