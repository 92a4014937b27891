# aiohttp's TestClient is an async client: not reported.
import pytest
from aiohttp.test_utils import TestClient, TestServer

from shop.aio import make_app


@pytest.mark.asyncio
async def test_aiohttp_client():
    async with TestClient(TestServer(make_app())) as client:
        response = await client.get("/")
        assert response.status == 200
