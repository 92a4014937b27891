# `from httpx import AsyncClient`: ASGITransport is added to that import, in isort order.
import pytest
from httpx import ASGITransport, AsyncClient

from shop.main import app


@pytest.fixture
async def client():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        yield client


@pytest.mark.asyncio
async def test_cart_empty(client):
    assert (await client.get("/cart")).json() == []
