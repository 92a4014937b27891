import asyncio

from pytest import fixture


@fixture
async def client():
    await asyncio.sleep(0)
    return 1
