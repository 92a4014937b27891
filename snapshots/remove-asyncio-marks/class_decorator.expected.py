class TestClient:
    async def test_get(self):
        pass

    async def test_post(self):
        pass
