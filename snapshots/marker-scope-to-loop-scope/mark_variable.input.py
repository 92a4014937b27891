# A mark kept in a variable and one given through pytest.param are renamed too.
import pytest

module_loop = pytest.mark.asyncio(scope="module")


@module_loop
async def test_through_variable():
    pass


@pytest.mark.parametrize(
    "n",
    [1, pytest.param(2, marks=pytest.mark.asyncio(scope="module"))],
)
async def test_param(n):
    pass
