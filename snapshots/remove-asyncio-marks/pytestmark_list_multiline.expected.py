import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.network,
]


async def test_a():
    pass
