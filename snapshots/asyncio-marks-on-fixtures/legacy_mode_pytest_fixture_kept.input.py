# Legacy mode ran every async fixture, as auto mode does: only the mark goes.
import pytest


@pytest.fixture
@pytest.mark.asyncio
async def token():
    return "t"


@pytest.mark.asyncio
async def test_token(token):
    assert token == "t"
