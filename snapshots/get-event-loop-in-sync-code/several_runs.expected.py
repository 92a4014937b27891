import asyncio

import pytest


async def step(n):
    return n


def test_steps():
    loop = asyncio.new_event_loop()
    try:
        first = loop.run_until_complete(step(1))

        # then the second
        second = loop.run_until_complete(step(2))
        assert (first, second) == (1, 2)
    finally:
        loop.close()


@pytest.fixture
def database():
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(step("create"))
        yield
        loop.run_until_complete(step("drop"))
    finally:
        loop.close()
