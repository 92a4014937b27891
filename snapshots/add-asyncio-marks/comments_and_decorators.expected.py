import pytest


# Talks to the fake server.
@pytest.mark.asyncio
@pytest.mark.slow  # takes a second
async def test_a():
    pass


@pytest.mark.asyncio
@some_decorator
# between decorator and def
async def test_b():
    pass


@pytest.mark.asyncio
async def test_c(): pass
