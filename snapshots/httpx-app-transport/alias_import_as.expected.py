# `import httpx as hx`: the transport is spelled through the same alias as the client.
import httpx as hx
import pytest

from shop.main import app


@pytest.mark.asyncio
async def test_health():
    async with hx.AsyncClient(base_url="http://test", transport=hx.ASGITransport(app=app)) as client:
        assert (await client.get("/health")).json() == {"ok": True}
