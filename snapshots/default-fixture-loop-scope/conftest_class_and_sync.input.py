# Target 1.4, a conftest: fixtures in a class and a sync pytest_asyncio fixture get loop_scope too.
import pytest_asyncio
from pytest_asyncio import fixture as async_fixture


class Helpers:
    @async_fixture(scope="class")
    async def client(self):
        yield "client"


@pytest_asyncio.fixture(scope="package")
def loop_bound_resource():
    return object()
