import pytest_asyncio  # noqa: F401


async def test_a():
    pass
