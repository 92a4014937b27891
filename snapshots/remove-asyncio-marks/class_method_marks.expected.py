class TestMethods:
    async def test_plain(self):
        pass

    @staticmethod
    async def test_static():
        pass

    @classmethod
    async def test_class(cls):
        pass
