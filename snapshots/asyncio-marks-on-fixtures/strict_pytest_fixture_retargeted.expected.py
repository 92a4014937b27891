# Strict mode: an async @pytest.fixture that carried the mark becomes @pytest_asyncio.fixture.
import pytest
import pytest_asyncio


@pytest_asyncio.fixture(scope="module", autouse=True)
async def started():
    yield


@pytest.mark.asyncio
async def test_started():
    pass
