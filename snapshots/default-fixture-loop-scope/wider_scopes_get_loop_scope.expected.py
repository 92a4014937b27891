# Target 1.4: the key becomes "function", so wider-scoped async fixtures say their loop scope.
import pytest_asyncio


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def database():
    yield "db"


@pytest_asyncio.fixture(scope="session", loop_scope="session", autouse=True)
async def server():
    yield "server"


@pytest_asyncio.fixture
async def session():
    return "session"


@pytest_asyncio.fixture(scope="function")
async def request_context():
    return "context"
