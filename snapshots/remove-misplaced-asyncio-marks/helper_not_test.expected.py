import pytest


@pytest.mark.asyncio
def check_something():
    pass


class Helpers:
    def test_not_collected(self):
        pass
