# A class's own event_loop fixture that is not a loop shields only that class's tests; the module-level test is converted.
import asyncio

import pytest

from app import FakeLoop


class TestWithFakeLoop:
    @pytest.fixture
    def event_loop(self):
        return FakeLoop()

    async def test_fake(self, event_loop):
        assert event_loop.ticks == 0


async def test_real():
    event_loop = asyncio.get_running_loop()
    assert event_loop.is_running()
