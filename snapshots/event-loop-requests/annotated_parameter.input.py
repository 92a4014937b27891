# An annotated event_loop parameter on its own line: the annotation moves onto the binding; `from asyncio import` style kept.
from asyncio import AbstractEventLoop, get_running_loop

import pytest

from app import Server


@pytest.mark.asyncio
async def test_server_uses_loop(
    unused_tcp_port,
    event_loop: AbstractEventLoop,
):
    server = Server(port=unused_tcp_port, loop=event_loop)
    await server.start()
    assert server.loop is get_running_loop()
