import pytest
import pytest_asyncio


@pytest_asyncio.fixture(scope="session")
async def app():
    yield 1


@pytest_asyncio.fixture
async def client(app):
    return app
