# Starlette's TestClient through a module alias, used in `with` (which runs the lifespan): the note says so.
import pytest
from starlette import testclient

from shop.main import create_app


@pytest.mark.asyncio
async def test_startup_loads_catalog():
    with testclient.TestClient(create_app()) as client:
        assert client.get("/catalog").json() != []
