import pytest


class ClientTests:
    async def test_get(self):
        pass

    def test_sync(self):
        pass


class TestHttpClient(ClientTests):
    async def test_post(self):
        pass


class TestOtherClient(ClientTests):
    pass
