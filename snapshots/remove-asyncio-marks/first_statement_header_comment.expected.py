# Copyright (c) the authors.


async def test_a():
    pass
