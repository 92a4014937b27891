# The loop fixture is dropped from async tests and fixtures; a body that uses it binds the running loop.
import asyncio

import pytest
from aiohttp import web


@pytest.fixture
async def app():
    """The application under test."""
    loop = asyncio.get_running_loop()
    application = web.Application()
    application["loop"] = loop
    return application


async def test_unused_loop(aiohttp_client, app):
    client = await aiohttp_client(app)
    assert client.server is not None


async def test_callback(
    aiohttp_client,
):
    loop = asyncio.get_running_loop()
    # The callback runs later, in the same loop.
    fired = []
    loop.call_soon(lambda: fired.append(loop.time()))
    await aiohttp_client(web.Application())
    assert fired


async def test_one_line(): loop = asyncio.get_running_loop(); assert loop.is_running()
