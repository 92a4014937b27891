# Legacy mode: the async tests it left to pytest (no asyncio mark) are listed; auto mode runs them.
import pytest


async def test_unmarked():
    pass


@pytest.mark.asyncio
async def test_marked():
    pass


class TestGroup:
    pytestmark = pytest.mark.asyncio

    async def test_marked_by_class(self):
        pass


def test_sync():
    pass
