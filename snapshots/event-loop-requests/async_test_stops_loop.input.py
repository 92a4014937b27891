# An async test that stops the running loop is rewritten like any other, and reported (its
# outcome may change, so it is announced to --verify): the stop also ends the next run on the
# loop, which is now pytest-asyncio's teardown of its async fixtures.
import pytest

from app import Client


@pytest.mark.asyncio
async def test_close_on_stopped_loop(event_loop, server):
    client = Client(server)
    await client.connect()
    event_loop.stop()
    client.close()
