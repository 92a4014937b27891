import pytest


class TestBase:
    @pytest.mark.asyncio
    async def test_shared(self):
        pass


@pytest.mark.asyncio(loop_scope="class")
class TestChild(TestBase):
    pass
