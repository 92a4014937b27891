# app= on calls that are not httpx clients (a factory, Starlette's TestClient, an httpx name rebound): unchanged.
import httpx
from starlette.testclient import TestClient

from shop.main import build_app, app

Client = httpx.Client  # a rebinding: not provably httpx's class here


def test_factory():
    service = build_app(app=app, debug=True)
    assert service.debug


def test_testclient():
    client = TestClient(app=app)
    assert client.get("/").status_code == 200


def test_rebound():
    with Client(app=app) as client:
        assert client.get("http://test/").status_code == 200
