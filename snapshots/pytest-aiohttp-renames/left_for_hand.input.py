# Where a rewrite would lose a comment, leave a bare `*`, or miss a nonlocal, the place is reported instead.
from aiohttp import web


async def test_commented(
    aiohttp_client,
    loop,  # the test's loop
):
    assert loop.is_running()


async def test_keyword_only(*, loop):
    assert loop.is_running()


async def test_nonlocal(test_client):
    def forget():
        nonlocal test_client
        test_client = None

    assert await test_client(web.Application())
    forget()
