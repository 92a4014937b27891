# The conftest.py beside this module defines `loop` as an alias of event_loop: async tests and
# fixtures requesting it get the loop they run in from asyncio.get_running_loop(), as for event_loop
# (the alias stays in the conftest.py, which other modules may still use).
import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def server(loop):
    return await loop.create_server(object, "127.0.0.1", 0)


@pytest.mark.asyncio
async def test_future(loop):
    fut = loop.create_future()
    loop.call_soon(fut.set_result, 1)
    assert await fut == 1


class TestKeywordOnly:
    @pytest.mark.asyncio
    async def test_server(self, server, *, loop):
        assert server.get_loop() is loop


@pytest.mark.asyncio
async def test_unused(loop):
    pass
