# A fixture giving event_loop with params= parametrizes its requesters, one with autouse= sets the
# loop up for tests that never ask for it: neither is a plain alias, so their requesters stay (the
# fixtures themselves become async fixtures giving the running loop, as before).
import asyncio

import pytest
import pytest_asyncio


@pytest_asyncio.fixture(params=["a", "b"])
async def loop():
    event_loop = asyncio.get_running_loop()
    return event_loop


@pytest_asyncio.fixture(autouse=True)
async def auto_loop():
    event_loop = asyncio.get_running_loop()
    return event_loop


@pytest.mark.asyncio
async def test_parametrized(loop, auto_loop):
    assert loop is auto_loop
