import pytest


class TestServer:
    @pytest.fixture(autouse=True)
    async def started(self):
        self.ready = True

    def test_ready(self):
        pass
