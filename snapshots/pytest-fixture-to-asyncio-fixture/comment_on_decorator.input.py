import pytest


# one client for all tests
@pytest.fixture  # noqa: PT001
async def client():
    return 1


@pytest.fixture(name="server")  # the server under test
async def server_fixture():
    return 2
