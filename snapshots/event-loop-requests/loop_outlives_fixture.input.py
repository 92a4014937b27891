# The loop used after the fixture returns (a closure or lambda handed to the tests, a helper
# called directly or passed on) cannot become awaited code: reported and left.
import pytest

from app import fetch


@pytest.fixture
def fetcher(event_loop):
    return lambda path: event_loop.run_until_complete(fetch(path))


@pytest.fixture
def runner(event_loop):
    def run(path):
        return event_loop.run_until_complete(fetch(path))

    return run


@pytest.fixture
def warmed(event_loop):
    def warm():
        event_loop.run_until_complete(fetch("/"))

    warm()
    return True
