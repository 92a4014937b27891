# Python < 3.12 gives the generator expression a symbol table named "genexpr" too: the
# fixture's own table must not be mistaken for it, or its local `asyncio` reads as the module.
import asyncio

import pytest_asyncio

ITEMS = list(x for x in range(3))


@pytest_asyncio.fixture
async def genexpr():
    asyncio = Fake()
    return asyncio.get_event_loop()
