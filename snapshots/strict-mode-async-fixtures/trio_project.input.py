import pytest
import trio


@pytest.fixture
async def nursery_value():
    await trio.sleep(0)
    return 1
