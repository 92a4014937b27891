# TestClient's own arguments (positional or keyword) are carried into the replacement where they belong.
import pytest
from fastapi.testclient import TestClient as FastClient

from shop.main import app


@pytest.mark.asyncio
async def test_errors_as_responses():
    client = FastClient(
        app,
        "http://shop.local",
        raise_server_exceptions=False,
        headers={"X-Tenant": "acme"},
        backend="trio",
    )
    assert client.get("/boom").status_code == 500


@pytest.mark.asyncio
async def test_options(client_options):
    client = FastClient(app, **client_options)
    assert client.get("/").status_code == 200
