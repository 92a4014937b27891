# Sync tests requesting a loop alias are migrated as sync requesters of event_loop are: one that
# only runs coroutines on it becomes an async test; one that hands the loop to a thread is left
# (reported), so the alias stays for it.
import threading

import pytest

from app import serve, work


@pytest.fixture
def loop(event_loop):
    return event_loop


def test_runs(loop):
    assert loop.run_until_complete(work()) == 1


def test_thread(loop):
    thread = threading.Thread(target=serve, args=(loop,))
    thread.start()
    thread.join()
