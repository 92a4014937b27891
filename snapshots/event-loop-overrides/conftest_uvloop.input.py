# A custom loop becomes the loop factories hook; its session scope becomes the default loop scopes.
import pytest
import uvloop


# Every test runs on uvloop.
@pytest.fixture(scope="session")
def event_loop():
    loop = uvloop.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture
def settings():
    return {}
