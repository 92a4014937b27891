import pytest


class ClientTests:
    @pytest.mark.asyncio
    async def test_get(self):
        pass

    def test_sync(self):
        pass


class TestHttpClient(ClientTests):
    @pytest.mark.asyncio
    async def test_post(self):
        pass


class TestOtherClient(ClientTests):
    pass
