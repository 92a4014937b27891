import pytest


class TestGroup:
    async def test_async_method(self, service):
        assert service

    def test_sync_method(self):
        pass

    @pytest.mark.parametrize("value", [1, 2])
    async def test_parametrized(self, value):
        assert value
