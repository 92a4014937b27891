# Old names given by string to usefixtures cannot be renamed safely: reported.
import pytest
from aiohttp import web

pytestmark = pytest.mark.usefixtures("loop")


@pytest.mark.usefixtures("test_client")
async def test_index(aiohttp_client):
    assert await aiohttp_client(web.Application())


async def test_proactor(proactor_loop):
    assert proactor_loop
