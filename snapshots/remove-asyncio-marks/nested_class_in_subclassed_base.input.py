import pytest


class TestBase:
    class TestInner:
        pytestmark = pytest.mark.asyncio

        async def test_x(self):
            pass


class TestSub(TestBase):
    pytestmark = pytest.mark.asyncio(loop_scope="class")
