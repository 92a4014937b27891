import asyncio

import pytest


async def fetch():
    return 1


def test_chained():
    assert asyncio.run(fetch()) == 1


def test_bound():
    # the loop pytest-asyncio left set
    result = asyncio.run(fetch())
    assert result == 1


class TestInClass:
    def test_method(self):
        asyncio.run(fetch())


@pytest.fixture
def prepared():
    asyncio.run(fetch())
    yield
    asyncio.run(fetch())
