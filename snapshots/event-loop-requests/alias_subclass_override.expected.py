# A test inherited by a subclass that defines its own `loop` (a new loop, no alias) gets that one
# there: it keeps its parameter, and the module's alias stays for it.
import asyncio

import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def loop():
    event_loop = asyncio.get_running_loop()
    return event_loop


class TestBase:
    @pytest.mark.asyncio
    async def test_inherited(self, loop):
        assert loop is not None


class TestSub(TestBase):
    @pytest.fixture
    def loop(self):
        loop = asyncio.new_event_loop()
        yield loop
        loop.close()
