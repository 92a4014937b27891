# run_until_complete on the running loop becomes `await`: on get_event_loop()/get_running_loop() or a name bound once to it.
import asyncio

import pytest

from myapp import connect, send


@pytest.mark.asyncio
async def test_chained():
    asyncio.get_event_loop().run_until_complete(connect())
    reply = asyncio.get_running_loop().run_until_complete(
        send(b"ping"),
    )
    assert reply == b"pong"


@pytest.mark.asyncio
async def test_loop_variable():
    loop = asyncio.get_event_loop()
    conn = loop.run_until_complete(connect())
    for payload in (b"a", b"b"):
        loop.run_until_complete(send(payload))
    loop.call_soon(conn.close)
