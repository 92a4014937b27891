# name="event_loop" makes any function an override.

import pytest


@pytest.mark.asyncio(loop_scope="module")
async def test_first():
    pass
