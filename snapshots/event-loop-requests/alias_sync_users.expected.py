# Sync tests requesting a loop alias are migrated as sync requesters of event_loop are: one that
# only runs coroutines on it becomes an async test; one that hands the loop to a thread is left
# (reported), so the alias stays for it.
import asyncio
import threading

import pytest
import pytest_asyncio

from app import serve, work


@pytest_asyncio.fixture
async def loop():
    event_loop = asyncio.get_running_loop()
    return event_loop


@pytest.mark.asyncio
async def test_runs():
    assert await work() == 1


def test_thread(loop):
    thread = threading.Thread(target=serve, args=(loop,))
    thread.start()
    thread.join()
