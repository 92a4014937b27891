import pytest


@pytest.mark.asyncio
def test_sync():
    pass


@pytest.mark.asyncio()
@pytest.mark.slow
def test_sync_parens():
    pass


@pytest.mark.asyncio
async def test_async():
    pass
