# Comments around a removed mark stay.
import pytest
import pytest_asyncio


# the shared client
# needed? (pytest-asyncio 0.21)
# keep it module-wide
@pytest_asyncio.fixture(scope="module")
async def client():
    yield 1


@pytest.mark.asyncio
async def test_client(client):
    assert client == 1
