# The conftest already defines the hook: a second one would be an error; reported, nothing changes.
import asyncio

import pytest
import uvloop


@pytest.fixture(scope="session")
def event_loop_policy():
    return uvloop.EventLoopPolicy()


def pytest_asyncio_loop_factories(config, item):
    return {"asyncio": asyncio.new_event_loop}
