import collections

import tests.base


class TestOrderedStore(tests.base.StoreCases):
    store = collections.OrderedDict()

    async def test_connection(self, connection):
        assert connection == "connected"
