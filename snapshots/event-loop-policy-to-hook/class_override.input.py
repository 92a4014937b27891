# An override inside a test class: the hook cannot live there; reported, nothing changes.
import pytest
import uvloop


class TestOnUvloop:
    @pytest.fixture
    def event_loop_policy(self):
        return uvloop.EventLoopPolicy()

    async def test_runs(self):
        pass
