# A nested conftest (facts from the survey): the override goes, its async fixtures get its loop scope.

import pytest
import pytest_asyncio


@pytest_asyncio.fixture(loop_scope="module")
async def connection():
    yield "connection"


@pytest_asyncio.fixture(
    scope="module",
    autouse=True,
    loop_scope="module",
)
async def schema(connection):
    yield


@pytest_asyncio.fixture(loop_scope="module")
async def cache():
    return {}


@pytest.fixture
def sync_value():
    return 1
