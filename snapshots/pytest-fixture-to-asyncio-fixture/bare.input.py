import pytest


@pytest.fixture
async def client():
    return 1


@pytest.fixture
def settings():
    return {}


async def test_client(client, settings):
    assert client == 1
