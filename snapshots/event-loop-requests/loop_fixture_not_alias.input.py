# The nearest `loop` decides: a class's own `loop` fixture that makes a loop is no alias, so its
# tests keep requesting it; the module's tests get the alias, which goes when they no longer need it.
import asyncio

import pytest


@pytest.fixture
def loop(event_loop):
    return event_loop


class TestOwnLoop:
    @pytest.fixture
    def loop(self):
        loop = asyncio.new_event_loop()
        yield loop
        loop.close()

    def test_own(self, loop):
        assert not loop.is_running()


@pytest.mark.asyncio
async def test_alias(loop):
    assert loop.is_running()
