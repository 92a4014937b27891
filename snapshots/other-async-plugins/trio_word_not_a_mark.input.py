import pytest

trio = "a band of three"


class mark:
    trio = 3


@pytest.mark.parametrize("name", [trio, mark.trio])
async def test_names(name):
    pass
