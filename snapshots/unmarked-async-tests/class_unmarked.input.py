class TestClient:
    async def test_get(self):
        pass

    @staticmethod
    async def test_static():
        pass

    @classmethod
    async def test_class(cls):
        pass
