import asyncio

import pytest


@pytest.fixture
def loop():
    return asyncio.new_event_loop()
