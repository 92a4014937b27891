# A module-scoped override in a test module: it goes, its tests and async fixtures keep a module loop.
import asyncio

import pytest
import pytest_asyncio


@pytest.fixture(scope="module")
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest_asyncio.fixture
async def database():
    yield {}


@pytest.mark.asyncio
async def test_insert(database):
    database["a"] = 1


@pytest.mark.asyncio
async def test_read(database):
    assert database is not None
