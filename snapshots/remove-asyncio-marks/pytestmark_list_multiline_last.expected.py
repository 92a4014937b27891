import pytest

pytestmark = [
    pytest.mark.slow,
]


async def test_a():
    pass
