# Sync requesters of the conftest's alias that hand the loop to a thread, or register their
# finalizer only sometimes, are reported and left, as event_loop requesters are.
import threading

import pytest


def test_thread(loop):
    thread = threading.Thread(target=loop.run_forever)
    thread.start()


@pytest.fixture
def server(request, loop):
    server = loop.run_until_complete(start())

    def close():
        loop.run_until_complete(server.wait_closed())

    if request.param:
        request.addfinalizer(close)
    return server
