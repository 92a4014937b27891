import pytest


class TestMethods:
    @pytest.mark.asyncio
    async def test_plain(self):
        pass

    @staticmethod
    @pytest.mark.asyncio
    async def test_static():
        pass

    @pytest.mark.asyncio
    @classmethod
    async def test_class(cls):
        pass
