import pytest

pytestmark = [pytest.mark.slow, pytest.mark.anyio]


async def test_a():
    pass
