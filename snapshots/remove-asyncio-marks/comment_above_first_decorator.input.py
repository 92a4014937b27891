import pytest


# The upload test talks to the fake server.
@pytest.mark.asyncio
async def test_upload():
    pass
