import pytest

pytestmark = pytest.mark.asyncio  # all tests are async


async def test_a():
    pass
