import pytest
import pytest_asyncio


@pytest_asyncio.fixture(scope="module")
async def server():
    return "server"


@pytest_asyncio.fixture
async def client(server):
    yield server


@pytest.mark.asyncio
async def test_client(client):
    assert client == "server"
