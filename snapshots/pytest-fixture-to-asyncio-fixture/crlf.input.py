import pytest


@pytest.fixture
async def client():
    return 1
