import pytest


@pytest.fixture(scope="session")
async def app():
    yield 1


@pytest.fixture
async def client(app):
    return app
