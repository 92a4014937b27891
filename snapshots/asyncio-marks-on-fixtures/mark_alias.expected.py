import pytest

asyncio_mark = pytest.mark.asyncio
module_loop = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture
def server():
    return "server"


@pytest.fixture
def client():
    return "client"


@asyncio_mark
async def test_uses(server, client):
    assert (server, client) == ("server", "client")
