"""Fixtures shared by the whole suite (written for pytest-asyncio 0.21, grown since)."""

import asyncio

import pytest
import pytest_asyncio
import uvloop


@pytest.fixture(scope="session")
def event_loop():
    """One loop for the whole run: the connection pool below lives on it."""
    loop = asyncio.new_event_loop()
    loop.set_debug(True)  # surface never-awaited coroutines
    yield loop
    loop.close()


@pytest.fixture(scope="session")
def event_loop_policy():
    return uvloop.EventLoopPolicy()


@pytest_asyncio.fixture(scope="session")
async def pool():
    """Stands in for a connection pool bound to the loop it was made on."""
    return {"loop": asyncio.get_running_loop(), "connections": []}


@pytest_asyncio.fixture
async def connection(pool, event_loop):
    connection = {"id": len(pool["connections"]), "closed": event_loop.create_future()}
    pool["connections"].append(connection)
    yield connection
    connection["closed"].set_result(True)
