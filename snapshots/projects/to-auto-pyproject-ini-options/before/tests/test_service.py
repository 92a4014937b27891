import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def service():
    yield {"ready": True}


@pytest.mark.asyncio
async def test_service_is_ready(service):
    assert service["ready"]


@pytest.mark.asyncio(loop_scope="module")
async def test_in_module_loop():
    pass
