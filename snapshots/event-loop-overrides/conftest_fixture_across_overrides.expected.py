# A nested conftest whose async fixture is also used under a deeper override (a session loop): it is reported.

import pytest
import pytest_asyncio


@pytest_asyncio.fixture(loop_scope="module")
async def connection():
    yield "connection"


@pytest.fixture
async def cache():
    return {}
