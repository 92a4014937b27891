from __future__ import annotations

from typing import TYPE_CHECKING

import pytest_asyncio

if TYPE_CHECKING:
    import pytest


@pytest_asyncio.fixture
async def client(request: pytest.FixtureRequest):
    return request
