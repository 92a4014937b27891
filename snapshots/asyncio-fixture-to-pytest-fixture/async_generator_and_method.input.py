import pytest
import pytest_asyncio


class TestClient:
    @pytest_asyncio.fixture
    async def session(self):
        yield object()

    @pytest.mark.slow
    @pytest_asyncio.fixture(scope="class")
    async def pool(self):
        yield object()

    async def test_session(self, session):
        assert session
