import pytest
from pytest_asyncio import fixture


@fixture
async def client():
    return 1


@pytest.fixture
def settings():
    return {}
