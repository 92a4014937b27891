import pytest
import pytest_asyncio as pa


@pa.fixture
async def client():
    return 1


@pa.fixture(scope="session")
async def server():
    yield 1
