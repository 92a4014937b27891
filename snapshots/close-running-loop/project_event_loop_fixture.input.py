# Must not change: event_loop here is the project's own fixture (not a loop), so its close() is the project's business.
import pytest

from app import Recorder


@pytest.fixture
def event_loop():
    return Recorder()


def test_recorder(event_loop):
    event_loop.close()
    assert event_loop.closed
