# Auto mode with a sync test (a module mark would make pytest-asyncio warn): each async test is marked.
from pytest import mark


async def test_select():
    pass


@mark.slow
async def test_insert():
    pass


def test_helper():
    pass
