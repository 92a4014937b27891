async def test_create(connection, cache):
    pass
