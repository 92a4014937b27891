# An import inside the test function is resolved there, and its name spells the transport.
import pytest

from shop.main import app


@pytest.mark.asyncio
async def test_lazy_import():
    import httpx

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        assert (await client.get("/")).status_code == 200
