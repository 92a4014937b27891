# In auto mode the converted test gets no mark and the converted fixture keeps @pytest.fixture.
import pytest

from app import Client, fetch


@pytest.fixture
async def client():
    return await Client.connect()


async def test_fetch(client):
    assert await client.get("/") == b"ok"
