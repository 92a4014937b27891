import pytest


@pytest.mark.asyncio
def test_sync():
    pass


@pytest.mark.asyncio
@pytest.fixture
async def resource():
    yield 1
