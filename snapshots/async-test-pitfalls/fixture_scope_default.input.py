# asyncio_default_fixture_loop_scope = fixture-scope gives each fixture its own scope's loop: unchanged.
import pytest_asyncio


@pytest_asyncio.fixture(scope="session")
async def server():
    return object()
