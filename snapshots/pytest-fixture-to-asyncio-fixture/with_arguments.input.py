import pytest


@pytest.fixture()
async def empty_call():
    return 1


@pytest.fixture(scope="session", autouse=True)
async def server():
    yield 1


@pytest.fixture(params=[1, 2], ids=["one", "two"], name="number")
async def number_fixture(request):
    return request.param


@pytest.fixture(
    scope="module",  # one database per module
    autouse=False,
)
async def database():
    yield 1


@pytest.fixture(scope=lambda fixture_name, config: "session")
async def dynamic_scope():
    return 1
