# A sync fixture that runs coroutines on the conftest's loop alias, and stops its server in a
# finalizer, becomes an async fixture (strict mode: pytest_asyncio.fixture) in the same loop.
import pytest_asyncio


@pytest_asyncio.fixture
async def server(request):
    server = await start()

    yield server
    server.close()
    await server.wait_closed()


def test_uses_server(server):
    assert server.is_serving()
