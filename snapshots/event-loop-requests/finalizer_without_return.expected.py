# A finalizer registered last in a fixture that returns nothing: a bare yield, then the awaited
# finalizer. The create_unix_server coroutine made before it is awaited by the same statement.
import asyncio

import pytest_asyncio

from app import Handler


@pytest_asyncio.fixture
async def unix_server(request, tmp_path):
    event_loop = asyncio.get_running_loop()
    coroutine = event_loop.create_unix_server(Handler, path=str(tmp_path / "socket"))
    server = await coroutine

    yield
    server.close()
    await server.wait_closed()


def test_uses_server(unix_server):
    pass
