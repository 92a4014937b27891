import pytest
import pytest_asyncio


# The client is shared by every test of the module.
@pytest_asyncio.fixture(scope="module")  # noqa: PT003
async def client():
    return 1
