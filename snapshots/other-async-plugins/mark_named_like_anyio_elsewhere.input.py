import myproject.mark as mark


@mark.anyio
async def test_a():
    pass
