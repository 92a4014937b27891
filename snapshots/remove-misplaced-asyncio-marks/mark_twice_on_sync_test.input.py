import pytest


@pytest.mark.asyncio
@pytest.mark.slow
@pytest.mark.asyncio(loop_scope="module")
def test_sync():
    pass
