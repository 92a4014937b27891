# Strict mode: a sync test whose asyncio marks cannot be read statically is left (a new mark could shadow one).
import pytest

from app import fetch, marks

pytestmark = marks.default()


def test_fetch(event_loop):
    assert event_loop.run_until_complete(fetch("/")) == b"ok"
