# In auto mode a loop alias becomes an async @pytest.fixture (auto mode runs it); an alias that
# wraps the loop or hands it to something else is reported and left.
import asyncio

import pytest

from app import Wrapper


@pytest.fixture
async def loop():
    event_loop = asyncio.get_running_loop()
    return event_loop


@pytest.fixture
def wrapped_loop(event_loop):
    return Wrapper(event_loop)


async def test_alias(loop):
    assert loop.is_running()
