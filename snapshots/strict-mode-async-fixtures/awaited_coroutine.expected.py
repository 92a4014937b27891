import asyncio

import pytest
import pytest_asyncio


@pytest.fixture
async def pending():
    return 1


@pytest.fixture
async def started():
    return 2


@pytest_asyncio.fixture
async def used():
    return 3


@pytest.mark.asyncio
async def test_awaits_the_coroutine(pending):
    assert await pending == 1


def test_runs_the_coroutine(started):
    assert asyncio.run(started) == 2


@pytest.mark.asyncio
async def test_uses_an_attribute(used):
    assert await used.real() == 3
