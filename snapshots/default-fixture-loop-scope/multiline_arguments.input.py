# Target 1.4: the new argument follows scope= in the call's own layout.
import pytest_asyncio


@pytest_asyncio.fixture(
    scope="session",  # one server for the run
    autouse=True,
)
async def server():
    yield "server"


@pytest_asyncio.fixture(
    autouse=True,
    scope="module",
)
async def cache():
    yield {}
