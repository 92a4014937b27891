"""Fixtures for the client tests."""

from __future__ import annotations

from pytest_asyncio import fixture


@fixture(scope="module")
async def client():
    return 1
