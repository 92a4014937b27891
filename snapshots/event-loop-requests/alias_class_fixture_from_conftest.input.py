# A class of its own (or a base this module does not show) may define `loop`: its tests stay. The
# module-level test gets the conftest's alias.
import pytest

from helpers import Base


class TestOwn:
    @pytest.fixture
    def loop(self):
        return FakeLoop()

    @pytest.mark.asyncio
    async def test_fake(self, loop):
        assert loop.ticks == 0


class TestInherited(Base):
    @pytest.mark.asyncio
    async def test_base(self, loop):
        assert loop.ticks == 0


@pytest.mark.asyncio
async def test_alias(loop):
    assert loop.is_running()
