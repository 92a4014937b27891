# Sync tests that ran on this module's module-scoped event_loop get a mark with that loop scope (also in auto mode).
import asyncio

import pytest

from app import fetch

pytestmark = pytest.mark.asyncio


@pytest.fixture(scope="module")
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def test_fetch(event_loop):
    assert event_loop.run_until_complete(fetch("/")) == b"ok"
