# A function-scoped plain override is what pytest-asyncio does anyway: it is just deleted.
import asyncio

import pytest


@pytest.fixture
def event_loop():
    return asyncio.new_event_loop()


@pytest.fixture
def user():
    return "alice"
