# A sync fixture that starts a server with run_until_complete and stops it in a finalizer that
# runs the loop again becomes an async generator fixture: the finalizer, now async, is awaited
# after the yield, in the same (function-scoped) loop. The handler around the awaited call no
# longer sees the loop's own errors: reported as info.
import asyncio
import socket

import pytest

from app import Protocol, cleanup_server


@pytest.fixture(scope="function")
def server(
    request: pytest.FixtureRequest,
    event_loop: asyncio.AbstractEventLoop,
    bind_address: str,
) -> asyncio.AbstractServer:
    def factory() -> Protocol:
        return Protocol(bind_address)

    server = event_loop.run_until_complete(
        event_loop.create_server(factory, host=bind_address, port=0, family=socket.AF_INET)
    )

    def close_server() -> None:
        server.close()
        try:
            event_loop.run_until_complete(cleanup_server(server))
        except RuntimeError:
            pass

    request.addfinalizer(close_server)

    return server
