import asyncio

import pytest


@pytest.fixture
def loop(event_loop):
    asyncio.set_event_loop(event_loop)
    return event_loop
