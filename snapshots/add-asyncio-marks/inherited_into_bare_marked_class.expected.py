import pytest


class TestBase:
    @pytest.mark.asyncio
    async def test_x(self):
        pass


@pytest.mark.asyncio
class TestSub(TestBase):
    pass
