# Debug mode is all tests or none in pytest-asyncio 1.x: an override in a test module turning it on is reported.
import asyncio

import pytest


@pytest.fixture
def event_loop():
    loop = asyncio.new_event_loop()
    loop.set_debug(True)
    yield loop
    loop.close()
