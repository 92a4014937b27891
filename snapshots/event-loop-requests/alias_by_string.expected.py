# An alias also requested by name in a string (getfixturevalue, usefixtures) stays; the
# parameter requests are rewritten.
import asyncio

import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def loop():
    event_loop = asyncio.get_running_loop()
    return event_loop


@pytest.mark.asyncio
async def test_parameter():
    loop = asyncio.get_running_loop()
    assert loop.is_running()


def test_by_name(request):
    assert request.getfixturevalue("loop") is not None
