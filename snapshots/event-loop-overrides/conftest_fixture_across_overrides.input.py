# A nested conftest whose async fixture is also used under a deeper override (a session loop): it is reported.
import asyncio

import pytest


@pytest.fixture(scope="module")
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture
async def connection():
    yield "connection"


@pytest.fixture
async def cache():
    return {}
