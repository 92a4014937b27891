import pytest


@pytest.mark.parametrize("x", [1, 2])
def test_sync(x):
    assert x


class TestGroup:
    def test_method(self):
        pass

    @pytest.mark.asyncio(loop_scope="class")
    async def test_async_method(self):
        pass
