import pytest

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.mark.asyncio
async def test_own_loop():
    pass


async def test_module_loop():
    pass
