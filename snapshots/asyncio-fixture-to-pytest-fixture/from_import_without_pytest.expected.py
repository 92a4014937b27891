import asyncio

import pytest

from myproject import make_client


@pytest.fixture
async def client():
    await asyncio.sleep(0)
    return make_client()
