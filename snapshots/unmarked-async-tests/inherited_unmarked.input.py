class TestBase:
    async def test_shared(self):
        pass


class TestChild(TestBase):
    pass
