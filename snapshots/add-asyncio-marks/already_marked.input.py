import pytest


@pytest.mark.asyncio
async def test_marked():
    pass


@pytest.mark.asyncio(loop_scope="module")
async def test_marked_module_loop():
    pass


@pytest.mark.asyncio(loop_scope="class")
class TestDecorated:
    async def test_a(self):
        pass


class TestPytestmark:
    pytestmark = pytest.mark.asyncio(loop_scope="class")

    async def test_b(self):
        pass
