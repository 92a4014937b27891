# A from-import inside the test function gets the transport name where it is.
import pytest

from shop.main import app


@pytest.mark.asyncio
async def test_lazy_import():
    from httpx import ASGITransport, AsyncClient

    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        assert (await client.get("/")).status_code == 200
