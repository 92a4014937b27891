# An unmarked async test (auto mode) is still an async test.
from fastapi.testclient import TestClient

from shop.main import app


async def test_read_main():
    response = TestClient(app).get("/")
    assert response.status_code == 200
