# The survey found a `loop` fixture in one of the project's plugin modules: loop is the project's.
from aiohttp import web


async def test_index(aiohttp_client, loop):
    client = await aiohttp_client(web.Application())
    assert loop.is_running() and client
