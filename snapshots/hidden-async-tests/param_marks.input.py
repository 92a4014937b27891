import pytest


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(1, marks=pytest.mark.asyncio),
        pytest.param(2, marks=[pytest.mark.slow]),
        3,
    ],
)
async def test_values(value):
    pass
