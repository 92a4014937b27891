# nest_asyncio.apply() hides asyncio.run() inside the running loop: reported, wherever it is called.
import asyncio

import nest_asyncio
from nest_asyncio import apply as allow_nesting

nest_asyncio.apply()


async def test_fetch():
    allow_nesting()
    assert asyncio.run(asyncio.sleep(0, result=1)) == 1
