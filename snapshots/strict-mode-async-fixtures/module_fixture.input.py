import pytest


@pytest.fixture(scope="module")
async def server():
    return "server"


@pytest.fixture
async def client(server):
    yield server


@pytest.mark.asyncio
async def test_client(client):
    assert client == "server"
