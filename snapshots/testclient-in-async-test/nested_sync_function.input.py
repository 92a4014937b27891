# TestClient inside a nested sync function or lambda of an async test (run in a thread): not reported.
import asyncio

import pytest
from fastapi.testclient import TestClient

from shop.main import app


@pytest.mark.asyncio
async def test_in_thread():
    def fetch():
        with TestClient(app) as client:
            return client.get("/").status_code

    make_client = lambda: TestClient(app)
    assert await asyncio.to_thread(fetch) == 200
    assert await asyncio.to_thread(lambda: make_client().get("/").status_code) == 200
