"""Tests that never needed pytest itself."""

import asyncio


async def test_gather():
    assert await asyncio.gather(asyncio.sleep(0, 1)) == [1]
