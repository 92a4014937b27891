import asyncio

import pytest


class Client:
    async def connect(self):
        return self


@pytest.fixture
def client():
    # the client keeps the loop it connected in; its users run on that loop too
    return asyncio.get_event_loop().run_until_complete(Client().connect())


@pytest.fixture
def session():
    loop = asyncio.get_event_loop()
    connected = loop.run_until_complete(Client().connect())
    yield connected
    loop.run_until_complete(connected.connect())
