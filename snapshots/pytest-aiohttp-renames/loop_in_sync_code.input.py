# A sync fixture or test has no running loop to use instead of `loop`: reported, left as is.
import pytest
from aiohttp import web


@pytest.fixture
def app(loop):
    return web.Application(loop=loop)


def test_run_until_complete(loop, app):
    loop.run_until_complete(app.startup())
