"""Tests for the HTTP client."""

from __future__ import annotations

import asyncio

import httpx


async def test_get():
    await asyncio.sleep(0)
    assert httpx
