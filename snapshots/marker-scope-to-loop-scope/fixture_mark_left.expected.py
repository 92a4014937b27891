# The mark on a fixture is left to asyncio-marks-on-fixtures (which removes it); the test's mark is renamed.
import pytest
import pytest_asyncio


@pytest_asyncio.fixture(scope="module")
@pytest.mark.asyncio(scope="module")
async def server():
    yield 1


@pytest.mark.asyncio(loop_scope="module")
async def test_server(server):
    pass
