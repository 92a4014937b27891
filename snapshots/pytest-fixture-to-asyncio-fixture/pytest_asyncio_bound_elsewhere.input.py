import pytest

from myproject.testing import helpers as pytest_asyncio


@pytest.fixture
async def client():
    return pytest_asyncio
