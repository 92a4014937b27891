import pytest


# The client is shared by every test of the module.
@pytest.fixture(scope="module")  # noqa: PT003
async def client():
    return 1
