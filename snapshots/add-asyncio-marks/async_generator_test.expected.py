import pytest


async def test_stream():
    yield 1


@pytest.mark.asyncio
async def test_inner_generator():
    async def numbers():
        yield 1

    assert [n async for n in numbers()] == [1]
