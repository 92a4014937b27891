"""Cases every store must pass; the module's pytestmark does not follow them into subclasses."""

import pytest

pytestmark = pytest.mark.asyncio


class StoreCases:
    store: dict

    async def test_put(self):
        self.store["key"] = 1
        assert self.store["key"] == 1

    async def test_missing(self):
        assert "other" not in self.store

    def test_is_a_dict(self):
        assert isinstance(self.store, dict)
