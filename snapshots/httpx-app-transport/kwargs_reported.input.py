# **kwargs may carry app= (or transport=): reported, left unchanged, also when app= is explicit.
import httpx
import pytest

from shop.main import app

CLIENT_OPTIONS = {"base_url": "http://test", "app": app}


@pytest.mark.asyncio
async def test_options():
    async with httpx.AsyncClient(**CLIENT_OPTIONS) as client:
        assert (await client.get("/")).status_code == 200


@pytest.mark.asyncio
async def test_options_and_app():
    async with httpx.AsyncClient(app=app, **{"timeout": 3}) as client:
        assert (await client.get("http://test/")).status_code == 200
