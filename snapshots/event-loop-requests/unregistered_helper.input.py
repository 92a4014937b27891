# A nested function that closes over the loop only to run a coroutine, and is never used,
# becomes an async def that awaits it (still unused: nothing runs differently).
import pytest

from app import EchoProtocol, cleanup_server


@pytest.fixture
def echo_server(request, event_loop):
    server = event_loop.run_until_complete(event_loop.create_server(EchoProtocol, port=0))

    def close_server():
        server.close()
        event_loop.run_until_complete(cleanup_server(server))

    return server


def test_echo(echo_server):
    assert echo_server.sockets
