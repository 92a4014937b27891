# A rename that would collide with a name the test already uses is reported, the rest is done.
from aiohttp import web

from helpers import aiohttp_client


async def test_both(test_client, test_server):
    server = await test_server(web.Application())
    client = await test_client(server)
    assert aiohttp_client is not None and client
