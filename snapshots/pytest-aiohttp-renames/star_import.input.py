# A star import may bring in a project fixture named test_client: reported, unchanged.
from aiohttp import web

from fixtures import *


async def test_index(test_client):
    assert await test_client(web.Application())
