# Where the RuntimeError may be what the test checks (pytest.raises, suppress, except): reported; other errors: rewritten.
import asyncio
import contextlib

import pytest

from myapp import parse, ping


async def test_refuses_nested_loop():
    with pytest.raises(RuntimeError, match="running event loop"):
        asyncio.run(ping())


async def test_suppressed():
    with contextlib.suppress(RuntimeError):
        asyncio.get_running_loop().run_until_complete(ping())


async def test_caught():
    try:
        asyncio.run(ping())
    except Exception:
        pass


async def test_caught_other_error():
    try:
        await ping()
    except (ValueError, KeyError):
        pass


async def test_expects_other_error():
    with pytest.raises(ValueError, match="not a number"):
        await parse("x")
