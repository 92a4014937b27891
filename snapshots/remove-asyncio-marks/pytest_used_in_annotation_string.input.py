import pytest


@pytest.mark.asyncio
async def test_a(request: "pytest.FixtureRequest"):
    pass
