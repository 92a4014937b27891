import pytest


def param(value, marks=()):
    return value


@pytest.mark.parametrize("value", [param(1, marks=pytest.mark.asyncio)])
async def test_values(value):
    pass
