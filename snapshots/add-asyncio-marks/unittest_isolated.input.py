import unittest
from unittest import IsolatedAsyncioTestCase

import pytest


class TestWithUnittest(unittest.IsolatedAsyncioTestCase):
    async def test_a(self):
        pass


class TestFromImport(IsolatedAsyncioTestCase):
    async def test_b(self):
        pass


class TestSubclass(TestFromImport):
    async def test_c(self):
        pass
