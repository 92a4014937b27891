import pytest

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="module")]


async def test_async():
    pass


def test_sync():
    pass


class TestGroup:
    def test_method(self):
        pass
