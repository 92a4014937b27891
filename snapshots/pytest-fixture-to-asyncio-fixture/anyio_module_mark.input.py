import pytest

pytestmark = pytest.mark.anyio


@pytest.fixture
async def client():
    return 1


async def test_client(client):
    assert client == 1
