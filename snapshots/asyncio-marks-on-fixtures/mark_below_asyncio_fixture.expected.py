# An asyncio mark under @pytest_asyncio.fixture is removed (pytest 9: "Marks cannot be applied to fixtures").
import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def client():
    return 1


@pytest.mark.asyncio
async def test_client(client):
    assert client == 1
