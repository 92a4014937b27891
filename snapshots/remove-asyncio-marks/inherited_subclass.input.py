import pytest


class TestBase:
    @pytest.mark.asyncio
    async def test_shared(self):
        pass


class TestChild(TestBase):
    async def test_own(self):
        pass
