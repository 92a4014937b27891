# A guarded import (optional dependency): the transport joins that import, no unconditional `import httpx`.
import pytest

try:
    from httpx import AsyncClient
except ImportError:  # pragma: no cover
    pytest.skip("httpx is not installed", allow_module_level=True)

from shop.main import app


@pytest.mark.asyncio
async def test_root():
    async with AsyncClient(app=app, base_url="http://test") as client:
        assert (await client.get("/")).status_code == 200
