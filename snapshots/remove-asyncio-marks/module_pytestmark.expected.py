"""Client tests."""

from myproject import client


async def test_get():
    assert await client.get()


def test_sync():
    assert client
