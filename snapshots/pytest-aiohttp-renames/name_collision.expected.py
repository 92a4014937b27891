# A rename that would collide with a name the test already uses is reported, the rest is done.
from aiohttp import web

from helpers import aiohttp_client


async def test_both(test_client, aiohttp_server):
    server = await aiohttp_server(web.Application())
    client = await test_client(server)
    assert aiohttp_client is not None and client
