import pytest_trio
from pytest_trio import trio_fixture


@trio_fixture
async def nursery_client():
    return 1
