# A finalizer registered conditionally, or with code after it that may raise before the fixture
# returns, cannot become teardown code after a yield: reported and left.
import pytest

from app import Server


@pytest.fixture
def conditional(request, event_loop, keep):
    server = event_loop.run_until_complete(Server.start())

    def stop():
        event_loop.run_until_complete(server.stop())

    if not keep:
        request.addfinalizer(stop)
    return server


@pytest.fixture
def then_more(request, event_loop):
    server = event_loop.run_until_complete(Server.start())

    def stop():
        event_loop.run_until_complete(server.stop())

    request.addfinalizer(stop)
    server.check()
    return server
