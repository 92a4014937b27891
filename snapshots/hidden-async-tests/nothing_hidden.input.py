import pytest


@pytest.mark.asyncio
async def test_plain():
    pass


class TestLocal:
    async def test_method(self):
        pass
