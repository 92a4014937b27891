# A loop alias defined as a method of a test class, its event_loop keyword-only: the bare `*`
# goes with it. Sync alias fixtures become async fixtures giving the running loop (the loop of
# their loop scope); an async test requesting the alias binds asyncio.get_running_loop() instead.
# A class alias stays (info): a test class in another module may subclass this one.
import asyncio

import pytest
import pytest_asyncio


class TestClient:
    @pytest_asyncio.fixture
    async def loop(self):
        event_loop = asyncio.get_running_loop()
        return event_loop

    @pytest_asyncio.fixture
    async def other_loop(self, **options):
        event_loop = asyncio.get_running_loop()
        return event_loop

    @pytest.mark.asyncio
    async def test_uses_alias(self):
        loop = asyncio.get_running_loop()
        assert loop.is_running()
