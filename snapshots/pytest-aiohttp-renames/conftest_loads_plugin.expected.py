# A conftest.py that loads aiohttp's plugin shows where its fixtures come from, without importing aiohttp.
import asyncio

import pytest

from myapp import create_app

pytest_plugins = "aiohttp.pytest_plugin"


@pytest.fixture
async def client(aiohttp_client):
    loop = asyncio.get_running_loop()
    return await aiohttp_client(create_app(loop=loop))
