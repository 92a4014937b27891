import pytest


@pytest.mark.anyio
class TestDecorated:
    async def test_a(self):
        pass


class TestPytestmark:
    pytestmark = pytest.mark.anyio

    async def test_b(self):
        pass
