# A multi-line call keeps its layout and comments; transport= takes app='s line.
import httpx
import pytest

from shop.main import app


@pytest.mark.asyncio
async def test_checkout():
    async with httpx.AsyncClient(
        base_url="http://test",  # matches the app's allowed hosts
        # the ASGI app under test
        app=app,  # not the admin app
        timeout=5,
    ) as client:
        response = await client.post("/checkout")
    assert response.status_code == 201
