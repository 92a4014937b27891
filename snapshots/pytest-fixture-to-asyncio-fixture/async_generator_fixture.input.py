import pytest


@pytest.fixture(scope="module")
async def connection():
    connection = object()
    yield connection
    del connection
