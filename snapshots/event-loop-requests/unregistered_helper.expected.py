# A nested function that closes over the loop only to run a coroutine, and is never used,
# becomes an async def that awaits it (still unused: nothing runs differently).
import asyncio

import pytest_asyncio

from app import EchoProtocol, cleanup_server


@pytest_asyncio.fixture
async def echo_server(request):
    event_loop = asyncio.get_running_loop()
    server = await event_loop.create_server(EchoProtocol, port=0)

    async def close_server():
        server.close()
        await cleanup_server(server)

    return server


def test_echo(echo_server):
    assert echo_server.sockets
