# A plain session-scoped loop in the top-most conftest becomes the two default loop scopes.
import pytest_asyncio


# Servers are shared by every test, so every test shares the loop too.


@pytest_asyncio.fixture(scope="session")
async def server():
    yield "server"
