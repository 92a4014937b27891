# httpx.AsyncClient(app=...) in `async with` gets transport=httpx.ASGITransport(app=...) in app='s place.
import httpx
import pytest

from shop.main import app


@pytest.mark.asyncio
async def test_list_products():
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        response = await client.get("/products")
    assert response.status_code == 200
