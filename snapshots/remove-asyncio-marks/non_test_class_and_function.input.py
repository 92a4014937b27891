import pytest


@pytest.mark.asyncio
async def helper():
    pass


class Helper:
    @pytest.mark.asyncio
    async def test_a(self):
        pass
