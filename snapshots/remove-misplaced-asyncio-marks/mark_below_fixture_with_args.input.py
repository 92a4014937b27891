import pytest
import pytest_asyncio


@pytest_asyncio.fixture(scope="module", loop_scope="module")
@pytest.mark.asyncio(loop_scope="module")
async def server():
    yield 1


@pytest.mark.asyncio
async def test_server(server):
    assert server == 1
