# The project defines its own test_client and loop fixtures: nothing here is aiohttp's.
import asyncio

import pytest
from aiohttp import web


@pytest.fixture
def loop():
    return asyncio.new_event_loop()


@pytest.fixture(name="test_client")
def make_client(loop):
    return web.Application()


async def test_uses_project_fixtures(test_client, loop):
    assert test_client is not None
    assert loop is not None
