# The conftest already uses the name _LOOP_FACTORIES: the mapping gets a free one.
import pytest
import uvloop

_LOOP_FACTORIES = ["not", "ours"]


@pytest.fixture(scope="session")
def event_loop_policy():
    return uvloop.EventLoopPolicy()
