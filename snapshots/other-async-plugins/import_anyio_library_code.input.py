import anyio
import pytest


@pytest.mark.asyncio
async def test_sleep():
    await anyio.sleep(0)
