import asyncio

import pytest_asyncio


@pytest_asyncio.fixture
async def client():
    await asyncio.sleep(0)
    return 1
