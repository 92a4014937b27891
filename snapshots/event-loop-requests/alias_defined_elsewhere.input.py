# `loop` comes from elsewhere (a conftest.py, a plugin such as pytest-aiohttp, an import): what it
# gives is not known here, so its requesters stay. (event_loop below only makes the codemod look.)
import pytest

from helpers import loop  # noqa: F401


@pytest.mark.asyncio
async def test_imported(loop):
    assert loop.is_running()


def test_other(event_loop_policy):
    pass
