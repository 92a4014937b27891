# An override in a test module with no conftest.py to take the hook: reported, nothing changes.
import pytest
import uvloop


@pytest.fixture(scope="module")
def event_loop_policy():
    return uvloop.EventLoopPolicy()


async def test_runs():
    pass
