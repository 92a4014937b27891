import pytest


@pytest.mark.asyncio(loop_scope="module")
class TestOuter:
    class TestInner:
        async def test_x(self):
            pass
