# Strict mode, under a nested module-scoped override: bare asyncio marks get its loop scope.
import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def client():
    yield "client"


@pytest.mark.asyncio
async def test_get(client):
    assert client


@pytest.mark.asyncio(loop_scope="function")
async def test_own_loop_wins():
    pass


def test_sync():
    pass


@pytest.mark.asyncio
class TestPost:
    async def test_create(self, client):
        pass

    async def test_update(self):
        pass
