import pytest


@pytest.fixture
async def service():
    yield {"ready": True}


@pytest.fixture
def settings():
    return {"debug": False}
