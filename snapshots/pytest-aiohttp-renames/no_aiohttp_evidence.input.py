# Nothing shows these are aiohttp's fixtures (no aiohttp import, no conftest loading its plugin): noted only.
from myapp import create_app


async def test_index(test_client, loop):
    client = await test_client(create_app())
    assert client
