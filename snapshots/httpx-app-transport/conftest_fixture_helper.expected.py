# Not only tests: a conftest.py fixture and a helper function are fixed too.
import httpx
import pytest_asyncio

from shop.main import app


def make_client(**options):
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test", follow_redirects=options.get("follow", False))


@pytest_asyncio.fixture
async def client():
    async with make_client() as client:
        yield client
