# A class-scoped override in a class (auto mode): the class gets the mark; other tests keep their loop.

import pytest
import pytest_asyncio


@pytest.mark.asyncio(loop_scope="class")
class TestSession:
    @pytest_asyncio.fixture(loop_scope="class")
    async def token(self):
        return "token"

    async def test_login(self, token):
        pass

    async def test_logout(self, token):
        pass


async def test_elsewhere():
    pass
