import pytest


@pytest.mark.asyncio
async def test_bare():
    pass


@pytest.mark.asyncio()
async def test_empty_call():
    pass


def test_sync():
    pass
