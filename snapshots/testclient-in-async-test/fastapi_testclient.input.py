# FastAPI's TestClient made in an async test: reported with the AsyncClient + ASGITransport replacement.
import pytest
from fastapi.testclient import TestClient

from shop.main import app


@pytest.mark.asyncio
async def test_read_main(db_session):
    client = TestClient(app)
    response = client.get("/")
    assert response.status_code == 200
