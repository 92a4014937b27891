# A nested function with its own `test_client` parameter keeps it; the test's own uses are renamed.
from aiohttp import web


async def test_nested(test_client):
    def describe(test_client):
        return repr(test_client)

    client = await test_client(web.Application())
    assert describe(client)
