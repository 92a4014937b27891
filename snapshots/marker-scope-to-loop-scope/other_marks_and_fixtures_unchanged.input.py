# Must not change: scope= of other marks, of fixtures, and of pytest.mark.parametrize.
import pytest
import pytest_asyncio


@pytest_asyncio.fixture(scope="module")
async def server():
    yield 1


@pytest.fixture(scope="session")
def settings():
    return {}


@pytest.mark.parametrize("value", [1, 2], scope="module")
@pytest.mark.flaky(scope="module")
@pytest.mark.asyncio
async def test_server(server, value):
    pass
