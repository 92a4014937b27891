class Base:
    async def test_shared(self):
        pass


class TestClient(Base):
    pass
