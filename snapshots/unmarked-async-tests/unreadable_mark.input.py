import pytest

slow_network = pytest.mark.slow if pytest else pytest.mark.asyncio


@slow_network
async def test_download():
    pass
