# run_until_complete on the running loop becomes `await`: on get_event_loop()/get_running_loop() or a name bound once to it.
import asyncio

import pytest

from myapp import connect, send


@pytest.mark.asyncio
async def test_chained():
    await connect()
    reply = await send(b"ping")
    assert reply == b"pong"


@pytest.mark.asyncio
async def test_loop_variable():
    loop = asyncio.get_running_loop()
    conn = await connect()
    for payload in (b"a", b"b"):
        await send(payload)
    loop.call_soon(conn.close)
