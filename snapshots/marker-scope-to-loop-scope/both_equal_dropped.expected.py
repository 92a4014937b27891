# scope= and loop_scope= with the same value: scope= goes, keeping the layout; where a comment would go, it is reported.
import pytest


@pytest.mark.asyncio(loop_scope="module")
async def test_first():
    pass


@pytest.mark.asyncio(
    loop_scope="module",  # shared with test_first
    scope="module",
)
async def test_second():
    pass


@pytest.mark.asyncio(
    loop_scope="module"  # old spelling
)
async def test_third():
    pass
