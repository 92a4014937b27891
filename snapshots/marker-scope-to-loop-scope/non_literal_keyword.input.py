# scope= with a value that is not a literal is renamed as it is: pytest-asyncio reads both keywords alike.
import pytest

from .settings import LOOP_SCOPE


@pytest.mark.asyncio(scope=LOOP_SCOPE)
async def test_configured_loop():
    pass


def marks(**options):
    return pytest.mark.asyncio(**options)


@pytest.mark.asyncio(scope="module", **{})
async def test_unpacked():
    pass
