# @unittest_run_loop only warns since aiohttp 3.8: it goes, and so does its import.
from aiohttp import web
from aiohttp.test_utils import AioHTTPTestCase, unittest_run_loop


class TestApp(AioHTTPTestCase):
    async def get_application(self):
        return web.Application()

    @unittest_run_loop
    async def test_index(self):
        resp = await self.client.get("/")
        assert resp.status == 404

    # Runs with the test client.
    @unittest_run_loop  # no longer needed
    async def test_missing(self):
        resp = await self.client.get("/missing")
        assert resp.status == 404
