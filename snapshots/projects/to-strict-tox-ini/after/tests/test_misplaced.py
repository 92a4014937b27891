import pytest


def test_sync_with_mark():
    pass


@pytest.mark.asyncio
async def test_async_without_mark(service):
    assert service
