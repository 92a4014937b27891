# Auto mode runs async @pytest.fixture already: only the mark goes.
import pytest


@pytest.mark.asyncio
@pytest.fixture
async def token():
    return "t"


async def test_token(token):
    assert token == "t"
