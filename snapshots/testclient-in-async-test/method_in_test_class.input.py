# An async test method of a test class is a test too.
import pytest
from fastapi.testclient import TestClient

from shop.main import app


class TestOrders:
    @pytest.mark.asyncio
    async def test_list(self):
        client = TestClient(app=app)
        assert client.get("/orders").json() == []

    def test_sync_list(self):
        client = TestClient(app=app)
        assert client.get("/orders").json() == []
