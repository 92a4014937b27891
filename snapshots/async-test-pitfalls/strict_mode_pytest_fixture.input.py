# In strict mode pytest-asyncio does not handle an async @pytest.fixture: no loop, no mismatch to report.
import pytest


@pytest.fixture(scope="module")
async def pool():
    return object()
