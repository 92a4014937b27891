import pytest


# The sync check of the parser.
def test_a():
    pass


@pytest.mark.slow
# asyncio: copied from the async test
def test_b():
    pass


# see issue #12
def test_c():
    pass


def test_d():
    pass


# between the mark and def
def test_e():
    pass
