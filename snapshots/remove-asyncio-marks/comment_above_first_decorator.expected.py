# The upload test talks to the fake server.
async def test_upload():
    pass
