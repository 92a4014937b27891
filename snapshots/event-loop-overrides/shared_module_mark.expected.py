# A bare module mark decides for tests needing different loops: only the class's tests get their own mark.

import pytest

pytestmark = pytest.mark.asyncio


async def test_plain():
    pass


class TestStream:
    @pytest.mark.asyncio(loop_scope="class")
    async def test_open(self):
        pass

    @pytest.mark.asyncio(loop_scope="class")
    async def test_close(self):
        pass
