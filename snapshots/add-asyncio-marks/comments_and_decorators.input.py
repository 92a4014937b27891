import pytest


# Talks to the fake server.
@pytest.mark.slow  # takes a second
async def test_a():
    pass


@some_decorator
# between decorator and def
async def test_b():
    pass


async def test_c(): pass
