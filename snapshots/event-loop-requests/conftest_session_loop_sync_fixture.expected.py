# A sync fixture that ran its coroutines on a session-scoped event_loop override keeps that loop: loop_scope="session".
import asyncio

import pytest
import pytest_asyncio

from app import Client


@pytest.fixture(scope="session")
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest_asyncio.fixture(
    scope="session",
    loop_scope="session",
)
async def client():
    client = await Client.connect()
    yield client
    await client.close()


@pytest_asyncio.fixture(loop_scope="session")
async def page(client):
    return await client.get("/")
