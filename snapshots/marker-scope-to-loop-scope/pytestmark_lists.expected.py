# asyncio marks in pytestmark lists, at module and class level.
import pytest

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),  # all tests share the module loop
    pytest.mark.timeout(10),
]


class TestSession:
    pytestmark = [pytest.mark.asyncio(loop_scope="class")]

    async def test_one(self):
        pass


async def test_two():
    pass
