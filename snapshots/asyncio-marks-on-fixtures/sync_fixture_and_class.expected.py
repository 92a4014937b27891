# A sync fixture and a fixture method: marks removed, nothing made an asyncio fixture.
from pytest import fixture, mark


@fixture
def settings():
    return {}


class TestApi:
    @fixture
    def api(self, settings):
        return settings

    @mark.asyncio
    async def test_api(self, api):
        assert api == {}
