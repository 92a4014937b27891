"""Fixtures for the client tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
async def client():
    return 1
