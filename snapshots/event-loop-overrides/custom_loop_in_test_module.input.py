# A custom loop in a test module has no loop factory to become (hooks live in conftest.py): reported.
import pytest
import uvloop


@pytest.fixture
def event_loop():
    loop = uvloop.new_event_loop()
    yield loop
    loop.close()


@pytest.mark.asyncio
async def test_fast():
    pass
