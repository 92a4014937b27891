# A `loop` fixture that wraps the loop is no alias: its requesters get the wrapper, and stay.
import pytest

from app import Wrapper


@pytest.fixture
def loop(event_loop):
    return Wrapper(event_loop)


@pytest.mark.asyncio
async def test_wrapped(loop):
    assert loop.wrapped.is_running()
