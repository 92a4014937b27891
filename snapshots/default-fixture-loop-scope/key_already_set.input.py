# The project sets asyncio_default_fixture_loop_scope already: nothing to do.
import pytest_asyncio


@pytest_asyncio.fixture(scope="module")
async def database():
    yield "db"
