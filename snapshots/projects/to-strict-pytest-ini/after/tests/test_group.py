import pytest


class TestGroup:
    @pytest.mark.asyncio
    async def test_async_method(self, service):
        assert service

    def test_sync_method(self):
        pass

    @pytest.mark.asyncio
    @pytest.mark.parametrize("value", [1, 2])
    async def test_parametrized(self, value):
        assert value
