# In auto mode too, an async test requesting a loop alias binds asyncio.get_running_loop(), and the
# alias, needed by nothing else, goes; a fixture that wraps the loop is reported and left.
import asyncio

import pytest

from app import Wrapper


@pytest.fixture
def wrapped_loop(event_loop):
    return Wrapper(event_loop)


async def test_alias():
    loop = asyncio.get_running_loop()
    assert loop.is_running()
