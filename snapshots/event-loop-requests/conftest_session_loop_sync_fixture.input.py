# A sync fixture that ran its coroutines on a session-scoped event_loop override keeps that loop: loop_scope="session".
import asyncio

import pytest

from app import Client


@pytest.fixture(scope="session")
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(
    scope="session",
)
def client(event_loop):
    client = event_loop.run_until_complete(Client.connect())
    yield client
    event_loop.run_until_complete(client.close())


@pytest.fixture
def page(client, event_loop):
    return event_loop.run_until_complete(client.get("/"))
