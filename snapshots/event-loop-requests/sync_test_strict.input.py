# Sync tests that only run coroutines on event_loop become async tests with a mark (strict mode); close() goes.
import pytest

from app import fetch


def test_fetch(event_loop):
    assert event_loop.run_until_complete(fetch("/")) == b"ok"


class TestPages:
    pytestmark = pytest.mark.asyncio

    def test_index(self, event_loop):
        page = event_loop.run_until_complete(fetch("/index"))
        assert page.startswith(b"<html>")
        event_loop.close()
