# A loop alias defined as a method of a test class, its event_loop keyword-only: the bare `*`
# goes with it. Sync alias fixtures become async fixtures giving the running loop (the loop of
# their loop scope, which their async requesters run in); an async test using event_loop binds it.
import pytest


class TestClient:
    @pytest.fixture
    def loop(self, *, event_loop):
        return event_loop

    @pytest.fixture
    def other_loop(self, *, event_loop, **options):
        return event_loop

    @pytest.mark.asyncio
    async def test_uses_alias(self, loop):
        assert loop.is_running()
