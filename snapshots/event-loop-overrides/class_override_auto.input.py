# A class-scoped override in a class (auto mode): the class gets the mark; other tests keep their loop.
import asyncio

import pytest


class TestSession:
    @pytest.fixture(scope="class")
    def event_loop(self):
        loop = asyncio.new_event_loop()
        yield loop
        loop.close()

    @pytest.fixture
    async def token(self):
        return "token"

    async def test_login(self, token):
        pass

    async def test_logout(self, token):
        pass


async def test_elsewhere():
    pass
