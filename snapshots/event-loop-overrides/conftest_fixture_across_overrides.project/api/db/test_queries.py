async def test_cached_query(cache):
    pass
