from pytest import mark
from pytest_asyncio import fixture


@mark.asyncio
@fixture
async def client():
    return 1


@mark.asyncio
def test_sync():
    pass
