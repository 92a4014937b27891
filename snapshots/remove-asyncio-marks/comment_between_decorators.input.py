import pytest


@pytest.mark.slow
# asyncio: needs the running loop
@pytest.mark.asyncio
async def test_a():
    pass


@pytest.mark.asyncio
# a comment between the last decorator and def
async def test_b():
    pass
