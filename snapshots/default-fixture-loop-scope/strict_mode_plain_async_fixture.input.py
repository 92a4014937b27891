# Target 1.4, strict mode: pytest-asyncio does not run an async @pytest.fixture, so it has no loop scope.
import pytest


@pytest.fixture(scope="module")
async def database():
    yield "db"
