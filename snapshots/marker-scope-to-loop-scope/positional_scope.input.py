# A single positional scope literal becomes loop_scope= (pytest-asyncio 0.24+ fails the module on it).
import pytest


@pytest.mark.asyncio("module")
async def test_module_loop():
    pass


@pytest.mark.asyncio('function')
async def test_function_loop():
    pass


class TestPositional:
    pytestmark = pytest.mark.asyncio("class")

    async def test_in_class(self):
        pass
