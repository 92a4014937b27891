async def helper():
    pass


async def _test_private_helper():
    pass


class Helpers:
    async def test_not_collected(self):
        pass
