from pytest import fixture


@fixture
async def client():
    return 1


@fixture(scope="module")
def settings():
    return {}
