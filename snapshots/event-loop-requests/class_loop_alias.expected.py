# A loop alias defined as a method of a test class, its event_loop keyword-only: the bare `*`
# goes with it. Sync alias fixtures become async fixtures giving the running loop (the loop of
# their loop scope, which their async requesters run in); an async test using event_loop binds it.
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
    async def test_uses_alias(self, loop):
        assert loop.is_running()
