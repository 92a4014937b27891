import pytest


@pytest.mark.slow
def test_sync():
    pass
