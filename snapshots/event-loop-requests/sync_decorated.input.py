# A sync test under an unknown decorator is left (it may not wrap a coroutine function); mock.patch and marks are fine.
from unittest import mock

import pytest

from app import fetch, retry


@retry(3)
def test_retried(event_loop):
    assert event_loop.run_until_complete(fetch("/"))


@mock.patch("app.TIMEOUT", 1)
@pytest.mark.parametrize("path", ["/", "/index"])
def test_patched(path, event_loop):
    assert event_loop.run_until_complete(fetch(path))
