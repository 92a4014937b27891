from pytest import mark


class TestWidget:
    mark = object()

    @mark.asyncio
    async def test_a(self):
        pass
