# get_event_loop() imported from asyncio becomes asyncio.get_running_loop(), with `import asyncio` added; class tests too.
import time
from asyncio import get_event_loop

import pytest

from myapp import Clock


class TestClock:
    @pytest.mark.asyncio
    async def test_monotonic(self):
        clock = Clock(get_event_loop())
        assert clock.now() <= get_event_loop().time()

    def test_wall_time(self):
        assert time.time() > 0
