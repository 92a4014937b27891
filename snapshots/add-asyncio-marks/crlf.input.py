import pytest


async def test_a():
    pass
