import asyncio

from pytest_asyncio import fixture

from myproject import make_client


@fixture
async def client():
    await asyncio.sleep(0)
    return make_client()
