# Before 0.26 there is no asyncio_default_test_loop_scope: only the fixture default is asked for.
import asyncio

import pytest


@pytest.fixture(scope="session")
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()
