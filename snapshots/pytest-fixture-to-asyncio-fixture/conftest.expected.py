"""Shared fixtures."""

from __future__ import annotations

import asyncio

import pytest
import pytest_asyncio

from myproject import make_app


@pytest_asyncio.fixture(scope="session")
async def app():
    await asyncio.sleep(0)
    yield make_app()


@pytest.fixture
def config():
    return {}
