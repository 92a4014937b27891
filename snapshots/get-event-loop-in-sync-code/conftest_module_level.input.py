import asyncio

import pytest

loop = asyncio.get_event_loop()


def helper():
    # not a test or fixture: runs whenever it is called
    return asyncio.get_event_loop()


@pytest.fixture
def runner():
    asyncio.get_event_loop().run_until_complete(asyncio.sleep(0))
