# A variable bound only to the running loop: its close() goes, and so does the binding it leaves unused.

import pytest

from app import Server


@pytest.mark.asyncio
async def test_shutdown():
    server = Server()
    await server.stop()
    # the loop is not needed any more
