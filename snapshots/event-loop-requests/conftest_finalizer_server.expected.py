# A sync fixture that starts a server with run_until_complete and stops it in a finalizer that
# runs the loop again becomes an async generator fixture: the finalizer, now async, is awaited
# after the yield, in the same (function-scoped) loop. The handler around the awaited call no
# longer sees the loop's own errors: reported as info.
import asyncio
import socket

import pytest
import pytest_asyncio

from app import Protocol, cleanup_server


@pytest_asyncio.fixture(scope="function")
async def server(
    request: pytest.FixtureRequest,
    bind_address: str,
) -> asyncio.AbstractServer:
    event_loop: asyncio.AbstractEventLoop = asyncio.get_running_loop()
    def factory() -> Protocol:
        return Protocol(bind_address)

    server = await (
        event_loop.create_server(factory, host=bind_address, port=0, family=socket.AF_INET)
    )

    yield server
    server.close()
    try:
        await cleanup_server(server)
    except RuntimeError:
        pass
