# A sync generator fixture that runs its setup and teardown on event_loop becomes an async generator pytest_asyncio.fixture.
import pytest

from app import Client


@pytest.fixture(scope="function")
def client(event_loop):
    client = event_loop.run_until_complete(Client.connect())  # connect first
    yield client
    event_loop.run_until_complete(client.close())


def test_client(client):
    assert client.connected
