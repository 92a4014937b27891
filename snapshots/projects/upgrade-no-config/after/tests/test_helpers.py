import asyncio

import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def greeting():
    return "hello"


@pytest_asyncio.fixture(loop_scope="session")
async def rendered(greeting):
    return await asyncio.sleep(0, result=greeting.upper())


@pytest.mark.asyncio(loop_scope="session")
class TestGreeting:
    async def test_greeting(self, greeting):
        assert greeting == "hello"

    async def test_rendered(self, rendered):
        assert rendered == "HELLO"
