# run_until_complete calls spanning lines keep their layout and comments inside `await (...)`.
import pytest

from app import connect, fetch


@pytest.mark.asyncio
async def test_layout():
    conn = await (
        connect(host="localhost")  # the test server
    )
    page = (await (
        fetch(conn, "/")
    )).decode()
    assert page
