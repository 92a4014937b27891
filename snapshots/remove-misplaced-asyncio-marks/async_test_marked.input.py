import pytest


@pytest.mark.asyncio
async def test_a():
    pass


@pytest.mark.asyncio(loop_scope="module")
async def test_b():
    pass


class TestGroup:
    @pytest.mark.asyncio
    async def test_c(self):
        pass
