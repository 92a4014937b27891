# Async functions pytest does not collect as tests (a fixture, a helper, a class that is not a test class): not reported.
import pytest
from fastapi.testclient import TestClient

from shop.main import app


@pytest.fixture
async def client():
    return TestClient(app)


async def fetch_root():
    return TestClient(app).get("/")


class Helpers:
    async def test_like_method(self):
        return TestClient(app)
