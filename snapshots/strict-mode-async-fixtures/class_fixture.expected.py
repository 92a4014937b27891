import pytest_asyncio


class TestServer:
    @pytest_asyncio.fixture(autouse=True)
    async def started(self):
        self.ready = True

    def test_ready(self):
        pass
