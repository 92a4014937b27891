# In auto mode the converted test gets no mark and the converted fixture keeps @pytest.fixture.
import pytest

from app import Client, fetch


@pytest.fixture
def client(event_loop):
    return event_loop.run_until_complete(Client.connect())


def test_fetch(event_loop, client):
    assert event_loop.run_until_complete(client.get("/")) == b"ok"
