from tests.base import BaseClientTests


class TestHttpClient(BaseClientTests):
    async def test_own(self):
        pass
