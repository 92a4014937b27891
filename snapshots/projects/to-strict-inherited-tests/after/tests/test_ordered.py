import collections

import pytest

import tests.base


class TestOrderedStore(tests.base.StoreCases):
    store = collections.OrderedDict()

    @pytest.mark.asyncio
    async def test_connection(self, connection):
        assert connection == "connected"
