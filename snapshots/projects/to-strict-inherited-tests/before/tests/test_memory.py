from tests.base import StoreCases


class TestMemoryStore(StoreCases):
    store = {}

    async def test_own(self):
        assert self.store is not None
