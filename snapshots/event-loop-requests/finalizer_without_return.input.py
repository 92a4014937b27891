# A finalizer registered last in a fixture that returns nothing: a bare yield, then the awaited
# finalizer. The create_unix_server coroutine made before it is awaited by the same statement.
import pytest

from app import Handler


@pytest.fixture
def unix_server(request, event_loop, tmp_path):
    coroutine = event_loop.create_unix_server(Handler, path=str(tmp_path / "socket"))
    server = event_loop.run_until_complete(coroutine)

    def stop():
        server.close()
        event_loop.run_until_complete(server.wait_closed())

    request.addfinalizer(stop)


def test_uses_server(unix_server):
    pass
