import pytest


@pytest.mark.asyncio  # see issue #12
async def test_a():
    pass


@pytest.mark.slow
@pytest.mark.asyncio  # flaky on CI
async def test_b():
    pass
