import pytest

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.mark.asyncio(loop_scope="function")
async def test_own_loop():
    pass
