import pytest
import pytest_asyncio


@pytest_asyncio.fixture
def loop_bound_resource():
    return 1
