# Must not change: keeping the session loop of a sync fixture takes loop_scope=, which a 0.23 target cannot read.
import asyncio

import pytest

from app import Client


@pytest.fixture(scope="session")
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="session")
def client(event_loop):
    return event_loop.run_until_complete(Client.connect())
