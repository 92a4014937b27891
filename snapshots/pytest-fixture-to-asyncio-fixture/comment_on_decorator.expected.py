import pytest_asyncio


# one client for all tests
@pytest_asyncio.fixture  # noqa: PT001
async def client():
    return 1


@pytest_asyncio.fixture(name="server")  # the server under test
async def server_fixture():
    return 2
