# scope= and loop_scope= that differ: pytest-asyncio fails the module; which one was meant is not known.
import pytest


@pytest.mark.asyncio(scope="module", loop_scope="function")
async def test_which_loop():
    pass


LOOP = "module"


@pytest.mark.asyncio(scope=LOOP, loop_scope="module")
async def test_maybe_same():
    pass
