# aiohttp_unused_port and pytest-asyncio's unused_tcp_port_factory are both callables: calls stay calls.
from aiohttp import web


async def test_two_servers(aiohttp_server, aiohttp_unused_port):
    first = await aiohttp_server(web.Application(), port=aiohttp_unused_port())
    second = await aiohttp_server(web.Application(), port=aiohttp_unused_port())
    assert first.port != second.port


async def test_old_alias(unused_port):
    assert unused_port() > 0
