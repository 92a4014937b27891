import pytest

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.mark.asyncio
class TestOwnLoops:
    async def test_a(self):
        pass
