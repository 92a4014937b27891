# The survey gave this module's override to a conftest's hook: the fixture goes, the move is reported.
import pytest
import uvloop


@pytest.fixture(scope="module")
def event_loop_policy():
    return uvloop.EventLoopPolicy()


async def test_runs():
    pass
