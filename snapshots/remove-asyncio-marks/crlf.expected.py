import pytest

pytestmark = [pytest.mark.slow]


# see issue #7
async def test_a():
    pass


def test_b():
    assert pytest
