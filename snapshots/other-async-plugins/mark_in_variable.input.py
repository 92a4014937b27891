from pytest import mark

trio_only = mark.trio


@trio_only
async def test_x():
    pass
