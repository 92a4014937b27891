# The old client and server fixtures are renamed in the parameters and in every use, closures included.
from aiohttp import web


def make_app():
    return web.Application()


async def test_client_get(test_client):
    client = await test_client(make_app())
    resp = await client.get("/")
    assert resp.status == 404


async def test_server_and_raw_server(test_server, raw_test_server):
    server = await test_server(make_app())

    async def start_raw():
        return await raw_test_server(lambda request: web.Response())

    raw = await start_raw()
    assert server.port != raw.port


class TestApi:
    async def test_post(self, test_client):
        clients = [await test_client(make_app()) for _ in range(2)]
        assert len(clients) == 2
