import pytest
from pytest import mark


def make_test(mark):
    @mark.asyncio
    async def test_inner():
        pass

    return test_inner


def test_factory():
    mark = pytest.mark
    assert make_test(mark)


@mark.asyncio
async def test_real():
    pass
