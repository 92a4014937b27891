# Strict mode: an async @pytest.fixture that carried the mark becomes @pytest_asyncio.fixture.
import pytest


@pytest.fixture(scope="module", autouse=True)
@pytest.mark.asyncio
async def started():
    yield


@pytest.mark.asyncio
async def test_started():
    pass
