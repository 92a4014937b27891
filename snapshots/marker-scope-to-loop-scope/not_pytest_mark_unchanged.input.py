# Must not change: an `asyncio` mark that is not pytest's, and a `pytest` that is not the module.
from mylib import mark

import pytest


@mark.asyncio(scope="module")
async def test_mylib_mark():
    pass


def make_mark(pytest):
    return pytest.mark.asyncio(scope="module")


class TestShadowed:
    pytest = object()
    pytestmark = pytest.mark.asyncio(scope="class")
