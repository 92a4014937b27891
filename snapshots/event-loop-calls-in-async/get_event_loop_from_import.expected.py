# get_event_loop() imported from asyncio becomes asyncio.get_running_loop(), with `import asyncio` added; class tests too.
import asyncio
import time

import pytest

from myapp import Clock


class TestClock:
    @pytest.mark.asyncio
    async def test_monotonic(self):
        clock = Clock(asyncio.get_running_loop())
        assert clock.now() <= asyncio.get_running_loop().time()

    def test_wall_time(self):
        assert time.time() > 0
