# Async fixtures that request event_loop without using it: only the parameter goes, no import is added.
import pytest_asyncio

from app import Database


@pytest_asyncio.fixture
async def db(event_loop, tmp_path):
    database = Database(tmp_path / "db.sqlite")
    await database.connect()
    yield database
    await database.close()


class TestUsers:
    @pytest_asyncio.fixture
    async def users(self, db, event_loop):
        return await db.table("users")

    async def test_count(self, users):
        assert await users.count() == 0
