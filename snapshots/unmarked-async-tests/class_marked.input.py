import pytest


@pytest.mark.asyncio
class TestDecorated:
    async def test_a(self):
        pass


class TestPytestmark:
    pytestmark = pytest.mark.asyncio

    async def test_b(self):
        pass
