import pytest


class ClientTests:
    async def test_get(self):
        pass


@pytest.mark.asyncio(loop_scope="class")
class TestShared(ClientTests):
    pass


class TestFresh(ClientTests):
    pass
