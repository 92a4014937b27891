# `from httpx import AsyncClient as AC`: the client is found through the alias; ASGITransport is imported by its name.
import pytest
from httpx import AsyncClient as AC

from shop.main import app


@pytest.mark.asyncio
async def test_login():
    async with AC(app=app) as client:
        response = await client.post("http://test/login", json={"user": "ann"})
    assert response.status_code == 204
