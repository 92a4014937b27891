import pytest
import pytest_asyncio
from pytest_asyncio import is_async_test


def pytest_collection_modifyitems(items):
    for item in items:
        if pytest_asyncio.is_async_test(item):
            item.add_marker(pytest.mark.slow)
    assert is_async_test


@pytest.fixture
async def client():
    return 1
