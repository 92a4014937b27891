import unittest

import pytest


@pytest.mark.asyncio
class TestLegacy(unittest.TestCase):
    @pytest.mark.asyncio
    async def test_a(self):
        pass


class TestIsolated(unittest.IsolatedAsyncioTestCase):
    @pytest.mark.asyncio
    async def test_b(self):
        pass
