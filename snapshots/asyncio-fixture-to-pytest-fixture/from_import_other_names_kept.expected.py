import pytest
from pytest_asyncio import is_async_test


@pytest.fixture
async def client():
    return 1


def test_helper():
    assert is_async_test
