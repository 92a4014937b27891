import pytest


# The sync check of the parser.
@pytest.mark.asyncio
def test_a():
    pass


@pytest.mark.slow
# asyncio: copied from the async test
@pytest.mark.asyncio
def test_b():
    pass


@pytest.mark.asyncio  # see issue #12
def test_c():
    pass


@pytest.mark.asyncio  # noqa: PT023
def test_d():
    pass


@pytest.mark.asyncio
# between the mark and def
def test_e():
    pass
