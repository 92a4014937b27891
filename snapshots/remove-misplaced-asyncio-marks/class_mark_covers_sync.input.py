import pytest


@pytest.mark.asyncio
class TestMixed:
    async def test_async(self):
        pass

    def test_sync(self):
        pass


class TestPytestmark:
    pytestmark = pytest.mark.asyncio(loop_scope="class")

    async def test_async(self):
        pass

    def test_other_sync(self):
        pass


@pytest.mark.asyncio
class TestAllAsync:
    async def test_async(self):
        pass
