# Target 1.4, auto mode: anyio runs a fixture that requests anyio_backend, pytest-asyncio does not.
import pytest


@pytest.fixture(scope="module")
async def anyio_server(anyio_backend):
    yield "server"
