# Target 1.4, auto mode: pytest.fixture rejects loop_scope, so the fixture becomes pytest_asyncio's.
import pytest
import pytest_asyncio


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def database():
    yield "db"


@pytest.fixture(scope="module")
def settings():
    return {"debug": True}


async def test_query(database, settings):
    assert database == "db"
