# A function merely named event_loop_policy (not a fixture), and a fixture with another name: nothing to do.
import pytest
import uvloop


def event_loop_policy():
    return uvloop.EventLoopPolicy()


@pytest.fixture
def uvloop_policy():
    return uvloop.EventLoopPolicy()
