import pytest

pytestmark = pytest.mark.asyncio


@pytest.mark.asyncio
async def test_a():
    pass


@pytest.mark.asyncio
class TestGroup:
    """Grouped tests."""

    pytestmark = [pytest.mark.asyncio]

    @pytest.mark.asyncio
    async def test_b(self):
        pass
