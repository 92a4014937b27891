import pytest


@pytest.fixture
async def client():
    return {"status": 200}


async def test_get(client):
    assert client["status"] == 200


def test_sync():
    assert True
