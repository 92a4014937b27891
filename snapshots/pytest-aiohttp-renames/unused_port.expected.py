# aiohttp_unused_port and pytest-asyncio's unused_tcp_port_factory are both callables: calls stay calls.
from aiohttp import web


async def test_two_servers(aiohttp_server, unused_tcp_port_factory):
    first = await aiohttp_server(web.Application(), port=unused_tcp_port_factory())
    second = await aiohttp_server(web.Application(), port=unused_tcp_port_factory())
    assert first.port != second.port


async def test_old_alias(unused_tcp_port_factory):
    assert unused_tcp_port_factory() > 0
