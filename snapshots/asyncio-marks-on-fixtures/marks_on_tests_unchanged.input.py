# Must not change: asyncio marks on tests and classes, fixtures without marks.
import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def client():
    return 1


@pytest.fixture
def settings():
    return {}


@pytest.mark.asyncio
class TestClient:
    async def test_client(self, client, settings):
        assert client == 1


@pytest.mark.asyncio(loop_scope="module")
async def test_alone():
    pass
