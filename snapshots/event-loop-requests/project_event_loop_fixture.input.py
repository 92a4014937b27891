# Must not change: this module's event_loop fixture is not a loop, so its requesters keep it (reported).
import pytest

from app import EventLoopRecorder


@pytest.fixture
def event_loop():
    return EventLoopRecorder()


def test_records(event_loop):
    event_loop.record("start")
    assert event_loop.events == ["start"]


async def test_async_records(event_loop):
    event_loop.record("start")
