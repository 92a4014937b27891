# Windows policies imported by name: two factories from asyncio need a single `import asyncio`.
from asyncio import DefaultEventLoopPolicy, WindowsSelectorEventLoopPolicy

import pytest


@pytest.fixture(params=[DefaultEventLoopPolicy(), WindowsSelectorEventLoopPolicy()])
def event_loop_policy(request):
    return request.param
