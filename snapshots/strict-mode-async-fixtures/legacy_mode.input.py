import pytest


@pytest.fixture
async def server():
    return "server"
