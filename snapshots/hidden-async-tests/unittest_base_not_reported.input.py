import unittest


class TestLegacy(unittest.IsolatedAsyncioTestCase):
    async def test_a(self):
        pass
