# Target 1.5: "fixture-scope" keeps every fixture's loop, so no fixture changes.
import pytest_asyncio


@pytest_asyncio.fixture(scope="module")
async def database():
    yield "db"
