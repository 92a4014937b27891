import pytest
import pytest_asyncio


@pytest_asyncio.fixture(scope="module", autouse=True)
async def server():
    yield 1


@pytest_asyncio.fixture(params=[1, 2], ids=["one", "two"], name="number")
async def number_fixture(request):
    return request.param


@pytest_asyncio.fixture(
    scope="session",  # one server for the whole run
    autouse=False,
)
async def database():
    yield 1
