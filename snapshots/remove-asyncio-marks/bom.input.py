import pytest

pytestmark = pytest.mark.asyncio


async def test_café():
    assert "café"
