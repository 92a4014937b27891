# A loop handed to a thread (its run_forever as a target, call_soon_threadsafe, the loop as an
# argument) keeps running outside any coroutine: reported and left.
import threading

import pytest

from app import serve


@pytest.fixture
def background(request, event_loop):
    thread = threading.Thread(target=event_loop.run_forever)
    thread.start()

    def stop():
        event_loop.call_soon_threadsafe(event_loop.stop)
        thread.join()

    request.addfinalizer(stop)
    return event_loop


@pytest.fixture
def worker(request, event_loop):
    thread = threading.Thread(target=serve, args=(event_loop,))
    thread.start()
    event_loop.run_until_complete(serve.ready())
    return thread
