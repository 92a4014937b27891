# The conftest.py loads plugins (pytest_plugins), which may define fixtures of their own: what
# `loop` gives is not told, so its requesters stay. (event_loop below only makes the codemod look.)
import pytest


@pytest.mark.asyncio
async def test_plugin_loop(loop):
    assert loop.is_running()


def test_other(event_loop_policy):
    pass
