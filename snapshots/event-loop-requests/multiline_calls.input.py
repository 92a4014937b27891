# run_until_complete calls spanning lines keep their layout and comments inside `await (...)`.
import pytest

from app import connect, fetch


@pytest.mark.asyncio
async def test_layout(event_loop):
    conn = event_loop.run_until_complete(
        connect(host="localhost"),  # the test server
    )
    page = event_loop.run_until_complete(
        fetch(conn, "/")
    ).decode()
    assert page
