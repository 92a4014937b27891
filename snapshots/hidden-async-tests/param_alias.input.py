from pytest import mark, param


@mark.parametrize("value", [param(1, marks=mark.asyncio(loop_scope="module"))])
async def test_values(value):
    pass
