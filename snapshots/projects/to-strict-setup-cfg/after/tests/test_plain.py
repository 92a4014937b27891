"""Tests that never needed pytest itself."""

import asyncio

import pytest


@pytest.mark.asyncio
async def test_gather():
    assert await asyncio.gather(asyncio.sleep(0, 1)) == [1]
