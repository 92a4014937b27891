# A conftest whose plain session-loop override stays (event-loop-overrides' business) while its fixtures stop requesting it.
import asyncio

import pytest
import pytest_asyncio

from app import Server


@pytest.fixture(scope="session")
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest_asyncio.fixture(scope="session")
async def server(event_loop):
    server = Server(loop=event_loop)
    await server.start()
    yield server
    await server.stop()
