# A sync fixture that runs coroutines on the conftest's loop alias, and stops its server in a
# finalizer, becomes an async fixture (strict mode: pytest_asyncio.fixture) in the same loop.
import pytest


@pytest.fixture
def server(request, loop):
    server = loop.run_until_complete(start())

    def close():
        server.close()
        loop.run_until_complete(server.wait_closed())

    request.addfinalizer(close)
    return server


def test_uses_server(server):
    assert server.is_serving()
