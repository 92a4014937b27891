# A custom loop needs the hook of pytest-asyncio 1.4: with an older target it is reported, not changed.
import pytest
import uvloop


@pytest.fixture(scope="session")
def event_loop():
    loop = uvloop.new_event_loop()
    yield loop
    loop.close()
