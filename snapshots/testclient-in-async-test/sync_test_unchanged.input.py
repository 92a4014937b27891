# TestClient in a sync test is what it is made for: nothing to report.
from fastapi.testclient import TestClient

from shop.main import app


def test_read_main():
    with TestClient(app) as client:
        assert client.get("/").status_code == 200
