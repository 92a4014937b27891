import pytest


async def make_client():
    return 1


client = pytest.fixture(scope="module")(make_client)
