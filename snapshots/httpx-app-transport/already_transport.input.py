# A client that already uses transport= (the fixed form): unchanged.
import httpx
import pytest
from httpx import ASGITransport, AsyncClient

from shop.main import app


@pytest.mark.asyncio
async def test_already_fixed():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        assert (await client.get("/")).status_code == 200
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as client:
        assert (await client.get("http://test/")).status_code == 200
