# Async functions that are neither tests nor fixtures (helpers, names pytest does not collect): unchanged.
import asyncio

import pytest

from myapp import ping


async def ping_twice():
    return asyncio.run(ping()), asyncio.run(ping())


async def check_loop():
    return asyncio.get_event_loop()


class Helpers:
    async def test_not_collected(self):
        asyncio.run(ping())


def test_sync_uses_helpers():
    assert pytest is not None
