from pytest_asyncio import fixture


@fixture
async def client():
    return 1


def test_sync():
    pass
