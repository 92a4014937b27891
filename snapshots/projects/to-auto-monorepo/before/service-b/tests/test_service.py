import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def client():
    return {"status": 200}


@pytest.mark.asyncio
async def test_get(client):
    assert client["status"] == 200


def test_sync():
    assert True
