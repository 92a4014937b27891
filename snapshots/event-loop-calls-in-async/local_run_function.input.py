# A module-level `run` or `get_event_loop` that is not asyncio's: unchanged.
from myapp.runner import get_event_loop
from myapp.tasks import ping


def run(coroutine):
    return coroutine


async def test_run_is_local():
    assert run(ping()) is not None


async def test_get_event_loop_is_myapp():
    get_event_loop().run_until_complete(ping())
