import pytest

pytestmark = pytest.mark.asyncio


@pytest.fixture
async def client():
    yield 1
