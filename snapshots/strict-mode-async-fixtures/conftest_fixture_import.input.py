from pytest import fixture


@fixture(name="db")
async def database():
    return {}


@fixture
def sync_fixture():
    return 1
