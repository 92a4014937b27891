import pytest

module_loop = pytest.mark.asyncio(loop_scope="module")
bare = pytest.mark.asyncio
slow = pytest.mark.slow


@module_loop
async def test_a():
    pass
