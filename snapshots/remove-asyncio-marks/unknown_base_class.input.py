import pytest

from helpers import BaseTests


@pytest.mark.asyncio
class TestChild(BaseTests):
    async def test_own(self):
        pass
