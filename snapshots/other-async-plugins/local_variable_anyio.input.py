import pytest


@pytest.mark.asyncio
async def test_a():
    anyio = "just a name"
    assert anyio


def test_b(anyio_client):
    pass
