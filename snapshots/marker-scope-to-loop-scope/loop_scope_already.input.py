# Must not change: loop_scope= is already there.
import pytest

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.mark.asyncio(loop_scope="function")
async def test_own_loop():
    pass


@pytest.mark.asyncio()
async def test_default():
    pass
