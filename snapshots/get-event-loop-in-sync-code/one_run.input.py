import asyncio

import pytest


async def fetch():
    return 1


def test_chained():
    assert asyncio.get_event_loop().run_until_complete(fetch()) == 1


def test_bound():
    # the loop pytest-asyncio left set
    loop = asyncio.get_event_loop()
    result = loop.run_until_complete(fetch())
    assert result == 1


class TestInClass:
    def test_method(self):
        loop = asyncio.get_event_loop()
        loop.run_until_complete(fetch())


@pytest.fixture
def prepared():
    asyncio.get_event_loop().run_until_complete(fetch())
    yield
    asyncio.run(fetch())
