class TestClient:
    async def test_get(self):
        pass


class TestServer:
    """Server tests."""

    async def test_start(self):
        pass
