import pytest

pytestmark = [pytest.mark.asyncio, pytest.mark.slow]


async def test_a():
    pass


class TestGroup:
    async def test_b(self):
        pass
