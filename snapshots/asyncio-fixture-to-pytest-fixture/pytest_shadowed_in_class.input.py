import pytest
import pytest_asyncio


class TestThing:
    pytest = None

    @pytest_asyncio.fixture
    async def thing(self):
        return 1

    async def test_thing(self, thing):
        assert thing
