import pytest

pytestmark = pytest.mark.asyncio


async def test_a():
    pass
