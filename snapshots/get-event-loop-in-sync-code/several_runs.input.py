import asyncio

import pytest


async def step(n):
    return n


def test_steps():
    loop = asyncio.get_event_loop()
    first = loop.run_until_complete(step(1))

    # then the second
    second = loop.run_until_complete(step(2))
    assert (first, second) == (1, 2)


@pytest.fixture
def database():
    loop = asyncio.get_event_loop()
    loop.run_until_complete(step("create"))
    yield
    loop.run_until_complete(step("drop"))
