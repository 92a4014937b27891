# A fixture that both yields and registers a loop-running finalizer, and a finalizer taking
# arguments or decorated: reported and left.
import functools

import pytest

from app import Server


@pytest.fixture
def both(request, event_loop):
    server = event_loop.run_until_complete(Server.start())

    def stop():
        event_loop.run_until_complete(server.stop())

    request.addfinalizer(stop)
    yield server


@pytest.fixture
def decorated(request, event_loop):
    server = event_loop.run_until_complete(Server.start())

    @functools.wraps(Server.stop)
    def stop():
        event_loop.run_until_complete(server.stop())

    request.addfinalizer(stop)
    return server
