# A parametrized override (one loop per param) is reported and left.
import asyncio

import pytest
import uvloop


@pytest.fixture(params=[asyncio.new_event_loop, uvloop.new_event_loop])
def event_loop(request):
    loop = request.param()
    yield loop
    loop.close()
