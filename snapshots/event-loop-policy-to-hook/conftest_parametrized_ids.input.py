# A parametrized policy with literal ids: one factory per param, named by the ids.
import asyncio

import pytest
import uvloop


@pytest.fixture(
    params=[asyncio.DefaultEventLoopPolicy(), uvloop.EventLoopPolicy()],
    ids=["stock", "uvloop"],
)
def event_loop_policy(request):
    return request.param
