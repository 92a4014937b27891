# Auto mode, every test async and unmarked: one module pytestmark carries the override's loop scope.
"""Queries against the shared database."""
import asyncio

import pytest

pytestmark = pytest.mark.asyncio(loop_scope="package")


async def test_select():
    await asyncio.sleep(0)


async def test_insert():
    await asyncio.sleep(0)


class TestJoin:
    async def test_inner(self):
        pass
