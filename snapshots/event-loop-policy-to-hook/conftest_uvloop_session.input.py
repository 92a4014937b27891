# A session-scoped uvloop policy in the root conftest becomes the hook, in the fixture's place.
import pytest
import uvloop


# Every test runs on uvloop.
@pytest.fixture(scope="session")
def event_loop_policy():
    return uvloop.EventLoopPolicy()


@pytest.fixture
def settings():
    return {"debug": True}
