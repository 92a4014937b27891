import pytest

pytestmark = [pytest.mark.asyncio, pytest.mark.slow]


@pytest.mark.asyncio  # see issue #7
async def test_a():
    pass


def test_b():
    assert pytest
