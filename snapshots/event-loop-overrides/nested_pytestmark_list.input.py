# A bare asyncio mark inside a pytestmark list gets the loop scope in place; the list keeps its layout.
import pytest

pytestmark = [
    pytest.mark.asyncio,  # every test here is async
    pytest.mark.integration,
]


async def test_query():
    pass


async def test_commit():
    pass
