# The old client and server fixtures are renamed in the parameters and in every use, closures included.
from aiohttp import web


def make_app():
    return web.Application()


async def test_client_get(aiohttp_client):
    client = await aiohttp_client(make_app())
    resp = await client.get("/")
    assert resp.status == 404


async def test_server_and_raw_server(aiohttp_server, aiohttp_raw_server):
    server = await aiohttp_server(make_app())

    async def start_raw():
        return await aiohttp_raw_server(lambda request: web.Response())

    raw = await start_raw()
    assert server.port != raw.port


class TestApi:
    async def test_post(self, aiohttp_client):
        clients = [await aiohttp_client(make_app()) for _ in range(2)]
        assert len(clients) == 2
