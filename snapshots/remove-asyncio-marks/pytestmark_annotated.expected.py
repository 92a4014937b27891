import pytest

pytestmark: list = [pytest.mark.slow]


async def test_a():
    pass
