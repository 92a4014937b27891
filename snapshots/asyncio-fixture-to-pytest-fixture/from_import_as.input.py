import pytest
from pytest_asyncio import fixture as async_fixture


@async_fixture
async def client():
    return 1
