# asyncio.run(<call>) in an async test becomes `await <call>`, whatever asyncio.run is imported as.

import pytest

from myapp import fetch_user, save


@pytest.mark.asyncio
async def test_fetch_user():
    user = await fetch_user(1)  # the user we saved earlier
    assert user.name == "ada"


@pytest.mark.asyncio
async def test_save_twice():
    await save("a")
    assert await save("b") is None


@pytest.mark.asyncio
async def test_many_users():
    users = [await fetch_user(i) for i in range(3)]
    assert len(users) == 3
