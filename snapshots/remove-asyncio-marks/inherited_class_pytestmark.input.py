import pytest


class TestBase:
    pytestmark = pytest.mark.asyncio

    async def test_shared(self):
        pass


class TestChild(TestBase):
    pytestmark = pytest.mark.asyncio(loop_scope="class")

    async def test_own(self):
        pass
