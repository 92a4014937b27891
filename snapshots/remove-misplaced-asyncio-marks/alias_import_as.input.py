import pytest as pt
import pytest_asyncio as pa


@pt.mark.asyncio
@pa.fixture
async def client():
    return 1


@pt.mark.asyncio
async def test_client(client):
    assert client == 1
