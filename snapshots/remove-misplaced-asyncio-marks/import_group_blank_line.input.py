import asyncio

import pytest
import pytest_asyncio


@pytest.mark.asyncio
@pytest_asyncio.fixture
async def client():
    await asyncio.sleep(0)
    return 1
