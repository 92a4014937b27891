async def test_never_ran():
    pass


def test_sync():
    pass
