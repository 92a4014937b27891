# Closing asyncio.get_running_loop() / get_event_loop() directly, in nested blocks and beside other statements on a line.
import asyncio
import contextlib

import pytest


@pytest.mark.asyncio
async def test_cleanup(tmp_path):
    try:
        (tmp_path / "x").write_text("x")
    finally:
        asyncio.get_running_loop().close()


@pytest.mark.asyncio
async def test_suppressed():
    with contextlib.suppress(RuntimeError):
        asyncio.get_event_loop().close()
    done = True; asyncio.get_running_loop().close()  # noqa: E702
    assert done
