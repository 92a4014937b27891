# Only the test's own `loop` parameter is the alias: a nested function's parameter of that name and
# a helper that is neither test nor fixture keep theirs.
import pytest


@pytest.fixture
def loop(event_loop):
    return event_loop


def schedule(loop, callback):
    loop.call_soon(callback)


@pytest.mark.asyncio
async def test_nested(loop):
    def later(loop):
        return loop.time()

    schedule(loop, print)
    assert later(loop) > 0
