import pytest

pytestmark = [
    pytest.mark.asyncio,  # every test here is async
    pytest.mark.slow,
]


async def test_a():
    pass
