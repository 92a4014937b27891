# Not async generator tests: the yield is in a nested function or lambda, or the test is sync,
# or the async generator is a fixture or helper. Unchanged.
import pytest


async def test_nested_generator():
    async def numbers():
        yield 1

    assert [n async for n in numbers()] == [1]


async def test_lambda():
    make = lambda: (yield)  # noqa: E731
    assert make


def test_sync_generator():
    yield 1


@pytest.fixture
async def resource():
    yield 1


async def stream_helper():
    yield 1
