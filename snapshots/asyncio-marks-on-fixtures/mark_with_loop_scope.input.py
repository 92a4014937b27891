# A mark with a loop scope above the fixture: removed, and the report says the scope never applied.
import pytest
import pytest_asyncio


@pytest.mark.asyncio(loop_scope="module")
@pytest_asyncio.fixture(scope="module")
async def server():
    yield 1


@pytest.mark.asyncio(scope="session")
@pytest_asyncio.fixture(scope="session")
async def database():
    yield 2


@pytest.mark.asyncio(loop_scope="module")
async def test_server(server, database):
    assert server == 1
