# A nested conftest (facts from the survey): the override goes, its async fixtures get its loop scope.
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


@pytest.fixture(
    scope="module",
    autouse=True,
)
async def schema(connection):
    yield


@pytest.fixture
async def cache():
    return {}


@pytest.fixture
def sync_value():
    return 1
