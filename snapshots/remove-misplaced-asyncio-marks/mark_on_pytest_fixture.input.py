import pytest


@pytest.fixture(autouse=True)
@pytest.mark.asyncio
async def reset():
    yield


@pytest.mark.asyncio()
@pytest.fixture
def sync_fixture():
    return 1


def test_sync(sync_fixture):
    assert sync_fixture == 1
