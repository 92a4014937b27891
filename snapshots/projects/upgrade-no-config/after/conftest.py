"""Fixtures shared by the whole suite (written for pytest-asyncio 0.21, grown since)."""

import asyncio

import pytest
import pytest_asyncio
import uvloop


_LOOP_FACTORIES = {"uvloop": uvloop.new_event_loop}


def pytest_asyncio_loop_factories(config, item):
    return _LOOP_FACTORIES


@pytest_asyncio.fixture(scope="session")
async def pool():
    """Stands in for a connection pool bound to the loop it was made on."""
    return {"loop": asyncio.get_running_loop(), "connections": []}


@pytest_asyncio.fixture
async def connection(pool):
    event_loop = asyncio.get_running_loop()
    connection = {"id": len(pool["connections"]), "closed": event_loop.create_future()}
    pool["connections"].append(connection)
    yield connection
    connection["closed"].set_result(True)
