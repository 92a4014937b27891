async def test_a():
    pass


class TestGroup:
    """Grouped tests."""

    async def test_b(self):
        pass
