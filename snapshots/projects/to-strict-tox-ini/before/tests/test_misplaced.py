import pytest


@pytest.mark.asyncio
def test_sync_with_mark():
    pass


async def test_async_without_mark(service):
    assert service
