import pytest


class TestService:
    @pytest.fixture
    async def service(self):
        yield self

    @pytest.fixture(scope="function")
    def config(self):
        return {}

    async def test_service(self, service, config):
        pass
