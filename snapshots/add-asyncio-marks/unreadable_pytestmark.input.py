import pytest

from helpers import make_marks

pytestmark = make_marks()


async def test_a():
    pass


def test_sync():
    pass
