import pytest_asyncio


@pytest_asyncio.fixture
async def client():
    return 1


async def test_client(client):
    assert client == 1
