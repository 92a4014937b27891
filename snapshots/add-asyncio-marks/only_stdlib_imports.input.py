import asyncio
import json


async def test_decode():
    assert json.loads("1") == await asyncio.sleep(0, 1)
