# In a conftest, async fixtures are rewritten; a sync fixture and a plain async helper are not.
import asyncio

import pytest
import pytest_asyncio

from myapp import Database


async def open_database():
    return asyncio.run(Database.connect())


@pytest_asyncio.fixture
async def database():
    db = await Database.connect()
    db.loop = asyncio.get_running_loop()
    yield db
    await db.close()


@pytest.fixture
def sync_database():
    db = asyncio.run(Database.connect())
    yield db
    asyncio.get_event_loop().run_until_complete(db.close())
