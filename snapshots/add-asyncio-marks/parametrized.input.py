import pytest


@pytest.mark.parametrize("value", [1, 2, 3])
async def test_value(value):
    assert value


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (1, 1),  # same
        (2, 2),
    ],
)
@pytest.mark.slow
async def test_pair(left, right):
    assert left == right
