import pytest
import uvloop


@pytest.fixture
def event_loop_policy():
    return uvloop.EventLoopPolicy()


@pytest.mark.asyncio
async def test_fast():
    pass
