# A file that may replace asyncio.run or get_event_loop (patch, monkeypatch.setattr): reported, unchanged.
import asyncio
from unittest import mock

from myapp import ping


async def test_run_is_patched():
    with mock.patch("asyncio.run") as run:
        asyncio.run(ping())
    run.assert_called_once()


async def test_loop_is_faked(monkeypatch):
    monkeypatch.setattr(asyncio, "get_event_loop", lambda: "fake")
    assert asyncio.get_event_loop() == "fake"
