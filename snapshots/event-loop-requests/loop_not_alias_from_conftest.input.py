# The conftest's `loop` does more than give event_loop (it sets the current loop): not an alias,
# so its requesters stay. (event_loop below only makes the codemod look.)
import pytest


@pytest.mark.asyncio
async def test_current(loop):
    assert loop.is_running()


def test_other(event_loop_policy):
    pass
