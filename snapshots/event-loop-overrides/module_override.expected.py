# A module-scoped override in a test module: it goes, its tests and async fixtures keep a module loop.

import pytest
import pytest_asyncio


@pytest_asyncio.fixture(loop_scope="module")
async def database():
    yield {}


@pytest.mark.asyncio(loop_scope="module")
async def test_insert(database):
    database["a"] = 1


@pytest.mark.asyncio(loop_scope="module")
async def test_read(database):
    assert database is not None
