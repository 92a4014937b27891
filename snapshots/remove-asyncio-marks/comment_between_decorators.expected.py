import pytest


@pytest.mark.slow
# asyncio: needs the running loop
async def test_a():
    pass


# a comment between the last decorator and def
async def test_b():
    pass
