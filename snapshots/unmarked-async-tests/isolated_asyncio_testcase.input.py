import unittest


class TestLegacy(unittest.IsolatedAsyncioTestCase):
    async def test_a(self):
        pass


class TestSubclass(TestLegacy):
    async def test_b(self):
        pass
