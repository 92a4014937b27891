import pytest_asyncio  # noqa: F401


def fixture(function):
    return function


@fixture
async def helper():
    return 1
