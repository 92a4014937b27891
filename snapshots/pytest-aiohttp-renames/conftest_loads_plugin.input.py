# A conftest.py that loads aiohttp's plugin shows where its fixtures come from, without importing aiohttp.
import pytest

from myapp import create_app

pytest_plugins = "aiohttp.pytest_plugin"


@pytest.fixture
async def client(test_client, loop):
    return await test_client(create_app(loop=loop))
