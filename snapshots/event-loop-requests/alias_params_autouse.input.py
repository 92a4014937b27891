# A fixture giving event_loop with params= parametrizes its requesters, one with autouse= sets the
# loop up for tests that never ask for it: neither is a plain alias, so their requesters stay (the
# fixtures themselves become async fixtures giving the running loop, as before).
import pytest


@pytest.fixture(params=["a", "b"])
def loop(event_loop):
    return event_loop


@pytest.fixture(autouse=True)
def auto_loop(event_loop):
    return event_loop


@pytest.mark.asyncio
async def test_parametrized(loop, auto_loop):
    assert loop is auto_loop
