class TestWithInit:
    def __init__(self):
        self.x = 1

    async def test_a(self):
        pass


class TestDisabled:
    __test__ = False

    async def test_b(self):
        pass
