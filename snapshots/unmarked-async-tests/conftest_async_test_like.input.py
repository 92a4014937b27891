async def test_in_conftest():
    pass
