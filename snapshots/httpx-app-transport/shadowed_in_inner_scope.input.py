# Names shadowed in an inner scope (a parameter, a local, a lambda parameter) are not httpx's: unchanged.
import httpx
from httpx import AsyncClient

from shop.main import app


async def test_fake_module(httpx):
    async with httpx.AsyncClient(app=app) as client:
        await client.get("/")


async def test_local_rebinding(fake_client_class):
    AsyncClient = fake_client_class
    async with AsyncClient(app=app) as client:
        await client.get("/")


make_client = lambda httpx: httpx.AsyncClient(app=app)
