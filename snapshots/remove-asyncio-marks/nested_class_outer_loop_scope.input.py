import pytest


class TestOuter:
    pytestmark = pytest.mark.asyncio(loop_scope="module")

    @pytest.mark.asyncio
    class TestInner:
        async def test_x(self):
            pass
