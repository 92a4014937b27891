import pytest
from pytest_asyncio import fixture, is_async_test


@fixture
async def client():
    return 1


def test_helper():
    assert is_async_test
