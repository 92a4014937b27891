import pytest


def test_sync():
    pass


@pytest.mark.slow
def test_sync_parens():
    pass


@pytest.mark.asyncio
async def test_async():
    pass
