import pytest


class TestClient:
    pytestmark = pytest.mark.asyncio

    async def test_get(self):
        pass


class TestServer:
    """Server tests."""

    pytestmark = (pytest.mark.asyncio,)

    async def test_start(self):
        pass
