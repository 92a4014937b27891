# An alias also requested by name in a string (getfixturevalue, usefixtures) stays; the
# parameter requests are rewritten.
import pytest


@pytest.fixture
def loop(event_loop):
    return event_loop


@pytest.mark.asyncio
async def test_parameter(loop):
    assert loop.is_running()


def test_by_name(request):
    assert request.getfixturevalue("loop") is not None
