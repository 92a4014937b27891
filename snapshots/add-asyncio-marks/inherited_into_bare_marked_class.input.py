import pytest


class TestBase:
    async def test_x(self):
        pass


@pytest.mark.asyncio
class TestSub(TestBase):
    pass
