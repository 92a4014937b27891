import pytest

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_a():
    pass


class TestGroup:
    async def test_b(self):
        pass
