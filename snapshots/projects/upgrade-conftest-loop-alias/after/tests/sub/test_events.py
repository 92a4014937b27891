import asyncio

import pytest


@pytest.mark.asyncio
async def test_started(started):
    loop = asyncio.get_running_loop()
    assert started.is_set()
    assert await loop.run_in_executor(None, started.is_set)
