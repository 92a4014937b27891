import pytest

pytestmark = (pytest.mark.asyncio, pytest.mark.slow)


async def test_a():
    pass
