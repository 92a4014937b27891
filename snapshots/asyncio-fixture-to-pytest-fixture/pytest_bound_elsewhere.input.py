from pytest_asyncio import fixture

pytest = "not the module"


@fixture
async def client():
    return 1
