import sys

import pytest


class TestOuter:
    class TestInner:
        @pytest.mark.asyncio
        async def test_inner(self):
            pass


if sys.version_info >= (3, 11):

    @pytest.mark.asyncio
    async def test_new_python():
        pass


def test_outer():
    async def test_nested():
        pass
