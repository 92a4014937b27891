import asyncio

import pytest


async def fetch(value):
    await asyncio.sleep(0)
    return value


@pytest.mark.asyncio
async def test_fetch():
    assert await fetch(1) == 1


@pytest.mark.asyncio
async def test_fetch_with_fixture(tmp_path):
    assert await fetch(tmp_path) == tmp_path


def test_sync():
    assert asyncio.run(fetch(2)) == 2


async def check_fetch():
    assert await fetch(3) == 3
