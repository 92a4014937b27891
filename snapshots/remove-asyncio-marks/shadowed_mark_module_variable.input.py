from pytest import mark

from myproject.markers import mark  # our own marker registry


@mark.asyncio
async def test_a():
    pass
