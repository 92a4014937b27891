# A bare module mark decides for tests needing different loops: only the class's tests get their own mark.
import asyncio

import pytest

pytestmark = pytest.mark.asyncio


async def test_plain():
    pass


class TestStream:
    @pytest.fixture(scope="class")
    def event_loop(self):
        loop = asyncio.new_event_loop()
        yield loop
        loop.close()

    async def test_open(self):
        pass

    async def test_close(self):
        pass
