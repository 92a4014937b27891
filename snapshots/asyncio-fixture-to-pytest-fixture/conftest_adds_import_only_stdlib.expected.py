import asyncio

import pytest


@pytest.fixture
async def client():
    await asyncio.sleep(0)
    return 1
