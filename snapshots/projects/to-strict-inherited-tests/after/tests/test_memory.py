import pytest

from tests.base import StoreCases


class TestMemoryStore(StoreCases):
    store = {}

    @pytest.mark.asyncio
    async def test_own(self):
        assert self.store is not None
