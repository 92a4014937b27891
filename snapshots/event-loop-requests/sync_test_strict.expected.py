# Sync tests that only run coroutines on event_loop become async tests with a mark (strict mode); close() goes.
import pytest

from app import fetch


@pytest.mark.asyncio
async def test_fetch():
    assert await fetch("/") == b"ok"


class TestPages:
    pytestmark = pytest.mark.asyncio

    async def test_index(self):
        page = await fetch("/index")
        assert page.startswith(b"<html>")
