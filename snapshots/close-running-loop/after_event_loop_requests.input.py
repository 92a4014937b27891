# The tree event-loop-requests leaves: event_loop bound to the running loop, then closed; both lines go.
import asyncio

import pytest


@pytest.mark.asyncio
async def test_after():
    """Docstring stays."""
    event_loop = asyncio.get_running_loop()
    await asyncio.sleep(0)
    event_loop.close()
