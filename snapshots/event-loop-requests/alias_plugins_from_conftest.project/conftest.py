import pytest

pytest_plugins = ["helpers.fixtures"]


@pytest.fixture
def loop(event_loop):
    return event_loop
