import pytest


@pytest.fixture
async def connection():
    return "connected"
