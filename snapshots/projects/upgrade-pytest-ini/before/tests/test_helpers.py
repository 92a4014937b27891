import asyncio

import pytest
import pytest_asyncio


@pytest_asyncio.fixture
@pytest.mark.asyncio
async def greeting():
    return "hello"


@pytest.fixture
def rendered(event_loop, greeting):
    return event_loop.run_until_complete(asyncio.sleep(0, result=greeting.upper()))


@pytest.mark.asyncio(scope="session")
class TestGreeting:
    async def test_greeting(self, greeting):
        assert greeting == "hello"

    async def test_rendered(self, rendered):
        assert rendered == "HELLO"
