"""Tests for the parser."""


async def test_parse():
    pass
