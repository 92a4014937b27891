# Target 1.4, auto mode: pytest.fixture rejects loop_scope, so the fixture becomes pytest_asyncio's.
import pytest


@pytest.fixture(scope="module")
async def database():
    yield "db"


@pytest.fixture(scope="module")
def settings():
    return {"debug": True}


async def test_query(database, settings):
    assert database == "db"
