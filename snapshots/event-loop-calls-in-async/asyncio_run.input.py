# asyncio.run(<call>) in an async test becomes `await <call>`, whatever asyncio.run is imported as.
import asyncio
import asyncio as aio
from asyncio import run as run_sync

import pytest

from myapp import fetch_user, save


@pytest.mark.asyncio
async def test_fetch_user():
    user = asyncio.run(fetch_user(1))  # the user we saved earlier
    assert user.name == "ada"


@pytest.mark.asyncio
async def test_save_twice():
    aio.run(save("a"))
    assert run_sync(save("b")) is None


@pytest.mark.asyncio
async def test_many_users():
    users = [asyncio.run(fetch_user(i)) for i in range(3)]
    assert len(users) == 3
