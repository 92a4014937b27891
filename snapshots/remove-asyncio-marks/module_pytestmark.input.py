"""Client tests."""

import pytest

from myproject import client

pytestmark = pytest.mark.asyncio


async def test_get():
    assert await client.get()


def test_sync():
    assert client
