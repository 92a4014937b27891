import pytest


@pytest.mark.parametrize("x", [1, 2])
@pytest.mark.asyncio(loop_scope="module")
def test_sync(x):
    assert x


class TestGroup:
    @pytest.mark.asyncio(loop_scope="class")
    def test_method(self):
        pass

    @pytest.mark.asyncio(loop_scope="class")
    async def test_async_method(self):
        pass
