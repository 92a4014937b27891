# The mark is found through any import alias of pytest or of pytest.mark.
import pytest as pt
from pytest import mark
from pytest import mark as m


@pt.mark.asyncio(scope="module")
async def test_pt():
    pass


@mark.asyncio(scope="module")
async def test_mark():
    pass


@m.asyncio(scope="module")
async def test_m():
    pass
