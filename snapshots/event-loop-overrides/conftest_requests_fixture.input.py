# An override that requests other fixtures is reported and left.
import asyncio

import pytest


@pytest.fixture(scope="session")
def event_loop(request):
    loop = asyncio.new_event_loop()
    request.addfinalizer(loop.close)
    return loop
