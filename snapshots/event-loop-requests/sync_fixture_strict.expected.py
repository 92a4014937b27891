# A sync generator fixture that runs its setup and teardown on event_loop becomes an async generator pytest_asyncio.fixture.
import pytest_asyncio

from app import Client


@pytest_asyncio.fixture(scope="function")
async def client():
    client = await Client.connect()  # connect first
    yield client
    await client.close()


def test_client(client):
    assert client.connected
