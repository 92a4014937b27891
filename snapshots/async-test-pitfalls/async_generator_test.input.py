# An async test that yields is an async generator: pytest never runs it. Reported.
import pytest


async def test_stream():
    for item in range(3):
        yield item


class TestEvents:
    @pytest.mark.asyncio
    async def test_events(self):
        received = yield
        assert received is None
