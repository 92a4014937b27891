"""Tests for the parser."""

import pytest


@pytest.mark.asyncio
async def test_parse():
    pass
