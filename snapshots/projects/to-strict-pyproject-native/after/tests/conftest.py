import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def service():
    yield {"ready": True}


@pytest.fixture
def settings():
    return {"debug": False}
