from pytest import mark as m


@m.anyio
async def test_a():
    pass
