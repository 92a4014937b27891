# A parenthesized one-per-line import gets both transports on lines of their own, in isort order.
import pytest
from httpx import (
    ASGITransport,
    AsyncClient,
    Client,
    WSGITransport,
)

from gateway import asgi_app, wsgi_app


@pytest.mark.asyncio
async def test_asgi_ping():
    async with AsyncClient(transport=ASGITransport(app=asgi_app), base_url="http://test") as client:
        assert (await client.get("/ping")).text == "pong"


def test_wsgi_ping():
    with Client(transport=WSGITransport(app=wsgi_app), base_url="http://test") as client:
        assert client.get("/ping").text == "pong"
