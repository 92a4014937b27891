# Positional arguments that are not a scope literal, and an unknown scope literal, are reported.
import pytest

LOOP_SCOPE = "module"


@pytest.mark.asyncio(LOOP_SCOPE)
async def test_variable():
    pass


@pytest.mark.asyncio("module", "class")
async def test_two_positionals():
    pass


@pytest.mark.asyncio("modul")
async def test_typo():
    pass


@pytest.mark.asyncio(scope="modul")
async def test_keyword_typo():
    pass


@pytest.mark.asyncio("module", loop_scope="module")
async def test_positional_and_keyword():
    pass
