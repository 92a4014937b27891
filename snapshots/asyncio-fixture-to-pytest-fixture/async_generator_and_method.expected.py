import pytest


class TestClient:
    @pytest.fixture
    async def session(self):
        yield object()

    @pytest.mark.slow
    @pytest.fixture(scope="class")
    async def pool(self):
        yield object()

    async def test_session(self, session):
        assert session
