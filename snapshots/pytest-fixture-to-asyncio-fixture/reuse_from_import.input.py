import pytest
from pytest_asyncio import fixture


@fixture
async def existing():
    return 1


@pytest.fixture(scope="module")
async def converted():
    return 2
