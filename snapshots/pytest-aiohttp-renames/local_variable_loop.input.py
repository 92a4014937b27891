# A local variable named loop and a helper's loop parameter are not the fixture: unchanged.
import asyncio

from aiohttp import web


def run_app(loop, app):
    return loop.run_until_complete(app.startup())


async def test_local_loop(aiohttp_client):
    loop = asyncio.get_running_loop()
    client = await aiohttp_client(web.Application())
    assert loop.is_running() and client


async def test_default_is_not_a_request(aiohttp_client, loop=None):
    assert loop is None
