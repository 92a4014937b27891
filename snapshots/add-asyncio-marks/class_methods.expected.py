import pytest


class TestClient:
    @pytest.mark.asyncio
    async def test_get(self):
        pass

    @pytest.mark.asyncio
    @staticmethod
    async def test_static():
        pass

    @pytest.mark.asyncio
    @classmethod
    async def test_class(cls):
        pass

    def test_sync(self):
        pass

    async def helper(self):
        pass


class Helpers:
    async def test_not_collected(self):
        pass


class TestWithInit:
    def __init__(self):
        pass

    async def test_not_collected(self):
        pass
