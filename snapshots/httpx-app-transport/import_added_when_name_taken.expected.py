# The module uses the name ASGITransport for its own class, so `import httpx` is added instead.
import httpx
import pytest
from httpx import AsyncClient

from shop.main import app


class ASGITransport:
    """A recording fake for the payment provider."""


@pytest.mark.asyncio
async def test_pay():
    async with AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        assert (await client.post("/pay")).status_code == 202
