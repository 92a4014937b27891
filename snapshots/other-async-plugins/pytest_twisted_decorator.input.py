import pytest_twisted


@pytest_twisted.ensureDeferred
async def test_deferred():
    pass


@pytest_twisted.inlineCallbacks
def test_callbacks():
    yield 1
