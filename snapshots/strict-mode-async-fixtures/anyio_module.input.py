import pytest

pytestmark = pytest.mark.anyio


@pytest.fixture
async def server():
    return "server"
