import pytest
import pytest_asyncio


class TestService:
    @pytest_asyncio.fixture
    async def service(self):
        yield self

    @pytest.fixture(scope="function")
    def config(self):
        return {}

    async def test_service(self, service, config):
        pass
