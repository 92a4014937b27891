import pytest


async def test_a(request: "pytest.FixtureRequest"):
    pass
