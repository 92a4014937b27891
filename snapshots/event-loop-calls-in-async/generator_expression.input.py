# In a generator expression `await` would make an async generator: left as is and reported.
import asyncio

from myapp import fetch


async def test_all_fetched():
    assert all(asyncio.run(fetch(i)) for i in range(3))


async def test_loop_in_generator():
    times = (asyncio.get_event_loop().time() for _ in range(2))
    assert list(times)
