# Under a session-wide default, a function-scoped override in a module still means a loop per test.

import pytest
import pytest_asyncio


@pytest_asyncio.fixture(loop_scope="function")
async def stream():
    return "stream"


@pytest.mark.asyncio(loop_scope="function")
async def test_read(stream):
    pass
