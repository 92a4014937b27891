import asyncio
import unittest


async def fetch():
    return 1


class TestWithSetup:
    def setup_method(self):
        self.loop = asyncio.get_event_loop()

    def test_uses_setup_loop(self):
        assert self.loop.run_until_complete(fetch()) == 1


class CaseWithSetUp(unittest.TestCase):
    def setUp(self):
        asyncio.get_event_loop().run_until_complete(fetch())

    def test_nothing(self):
        pass
