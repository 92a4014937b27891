import pytest


@pytest.mark.gen_test
async def test_fetch(http_client):
    pass


@pytest.mark.gen_test(timeout=5)
async def test_slow(http_client):
    pass
