# A fixture requests event_loop_policy by name: without the override it would get the default policy.
import pytest
import uvloop


@pytest.fixture(scope="session")
def event_loop_policy():
    return uvloop.EventLoopPolicy()


@pytest.fixture
def policy_name(event_loop_policy):
    return type(event_loop_policy).__name__
