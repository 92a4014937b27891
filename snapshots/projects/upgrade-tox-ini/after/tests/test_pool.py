import asyncio

import pytest
import uvloop


@pytest.mark.asyncio(loop_scope="session")
async def test_pool_is_on_the_running_loop(pool):
    assert pool["loop"] is asyncio.get_running_loop()


@pytest.mark.asyncio
async def test_connection_is_registered(pool, connection):
    assert connection in pool["connections"]
    assert pool["loop"] is asyncio.get_running_loop()


@pytest.mark.asyncio
async def test_runs_on_uvloop():
    assert isinstance(asyncio.get_running_loop(), uvloop.Loop)


@pytest.mark.asyncio
async def test_schedules_on_the_fixture_loop():
    event_loop = asyncio.get_running_loop()
    future = event_loop.create_future()
    event_loop.call_soon(future.set_result, 42)
    assert await future == 42


@pytest.mark.asyncio(loop_scope="session")
async def test_sync_test_drives_a_coroutine(pool):
    assert await asyncio.sleep(0, result="done") == "done"
