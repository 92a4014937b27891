# A variable bound only to the running loop: its close() goes, and so does the binding it leaves unused.
import asyncio

import pytest

from app import Server


@pytest.mark.asyncio
async def test_shutdown():
    loop = asyncio.get_running_loop()
    server = Server()
    await server.stop()
    # the loop is not needed any more
    loop.close()
