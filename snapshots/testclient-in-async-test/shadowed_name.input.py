# A TestClient name rebound in the test (a parameter, a local assignment): not Starlette's, not reported.
import pytest
from fastapi.testclient import TestClient

from shop.main import app
from tests.fakes import FakeClient


@pytest.mark.asyncio
async def test_parameter(TestClient):
    TestClient(app)


@pytest.mark.asyncio
async def test_local():
    TestClient = FakeClient
    TestClient(app)
