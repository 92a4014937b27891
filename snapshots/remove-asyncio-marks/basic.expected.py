async def test_bare():
    pass


async def test_empty_call():
    pass


def test_sync():
    pass
