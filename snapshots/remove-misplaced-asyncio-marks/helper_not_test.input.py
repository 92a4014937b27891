import pytest


@pytest.mark.asyncio
def check_something():
    pass


class Helpers:
    @pytest.mark.asyncio
    def test_not_collected(self):
        pass
