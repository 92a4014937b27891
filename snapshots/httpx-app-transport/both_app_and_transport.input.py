# app= and transport= together: httpx < 0.28 used the transport, so app= goes and the place is reported.
import httpx
import pytest

from shop.main import app


@pytest.mark.asyncio
async def test_with_mock_transport():
    transport = httpx.MockTransport(lambda request: httpx.Response(200))
    async with httpx.AsyncClient(transport=transport, app=app) as client:
        assert (await client.get("http://test/")).status_code == 200
