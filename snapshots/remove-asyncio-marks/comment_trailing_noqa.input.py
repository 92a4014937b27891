import pytest


@pytest.mark.asyncio  # noqa: E501
async def test_a():
    pass


@pytest.mark.asyncio  # type: ignore[misc]
async def test_b():
    pass
