import pytest
import pytest_asyncio  # noqa: F401


@pytest.mark.asyncio
async def test_a():
    pass
