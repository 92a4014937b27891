import asyncio
import json

import pytest


@pytest.mark.asyncio
async def test_decode():
    assert json.loads("1") == await asyncio.sleep(0, 1)
